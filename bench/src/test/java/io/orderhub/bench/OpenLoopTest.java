package io.orderhub.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenLoopTest {

    @Test
    void arrivalsAreDueOnAFixedRateClock() {
        assertEquals(1_000, OpenLoop.dueAt(1_000, 0, 200));
        assertEquals(1_000 + 5_000_000, OpenLoop.dueAt(1_000, 1, 200));
        assertEquals(1_000 + 1_000_000_000L, OpenLoop.dueAt(1_000, 200, 200));
    }

    @Test
    void slowAnswersDoNotDelayTheNextSendAndCountFromTheScheduledTime() {
        // every answer takes 300 ms: a closed loop of one client would send ~3 requests per second, not 200
        Executor slowServer = CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS);
        ConcurrentHashMap<Long, Long> lateness = new ConcurrentHashMap<>();
        ConcurrentHashMap<Long, Long> latency = new ConcurrentHashMap<>();
        AtomicLong answered = new AtomicLong();
        long start = System.nanoTime();
        long sent = new OpenLoop().run(200, 1.0, (i, due) -> CompletableFuture.supplyAsync(() -> 202, slowServer),
                new OpenLoop.Outcome() {
                    @Override
                    public void sent(long index, long scheduledNanos, long actualNanos) {
                        lateness.put(index, actualNanos - scheduledNanos);
                    }

                    @Override
                    public void answered(long index, long scheduledNanos, long answeredNanos, int status, Throwable error) {
                        latency.put(index, answeredNanos - scheduledNanos);
                        answered.incrementAndGet();
                    }
                });
        long sendingTook = System.nanoTime() - start;

        assertEquals(200, sent);
        assertTrue(sendingTook < 1_300_000_000L, "200 arrivals at 200/s went out in " + sendingTook / 1e6 + " ms");
        long late = lateness.values().stream().filter(ns -> ns > 100_000_000L).count();
        assertTrue(late <= 2, late + " sends were more than 100 ms behind their schedule");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> answered.get() == 200);
        assertTrue(latency.values().stream().allMatch(ns -> ns >= 300_000_000L),
                "every latency includes the server's 300 ms, measured from the scheduled time");
    }

    @Test
    void aSenderThatThrowsIsAnErrorNotAStall() {
        AtomicLong errors = new AtomicLong();
        long sent = new OpenLoop().run(100, 0.1, (i, due) -> {
            throw new IllegalStateException("connection refused");
        }, new OpenLoop.Outcome() {
            @Override
            public void sent(long index, long scheduledNanos, long actualNanos) {
            }

            @Override
            public void answered(long index, long scheduledNanos, long answeredNanos, int status, Throwable error) {
                if (error != null && status == -1) {
                    errors.incrementAndGet();
                }
            }
        });
        assertEquals(10, sent);
        assertEquals(10, errors.get());
    }
}
