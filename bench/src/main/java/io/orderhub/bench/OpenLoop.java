package io.orderhub.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * An open-loop arrival process: request {@code i} is due at {@code start + i / rate}, whatever happened to the
 * requests before it. A slow answer does not delay the next send (a closed loop would, and so hide queueing), and
 * each latency is measured from the <b>scheduled</b> send time, so time spent waiting behind a stalled client or
 * server counts (no coordinated omission).
 */
public final class OpenLoop {

    /** Sends arrival {@code index}; the future completes with the HTTP status (or exceptionally). */
    @FunctionalInterface
    public interface Sender {
        CompletableFuture<Integer> send(long index, long scheduledNanos);
    }

    /** What the loop reports for every arrival: when it was due, when it went out, when it was answered. */
    public interface Outcome {
        void sent(long index, long scheduledNanos, long actualNanos);

        void answered(long index, long scheduledNanos, long answeredNanos, int status, Throwable error);
    }

    private final LongSupplier clock;

    public OpenLoop() {
        this(System::nanoTime);
    }

    OpenLoop(LongSupplier clock) {
        this.clock = clock;
    }

    /** The time arrival {@code index} is due: {@code start + index × 1e9 / rate}, in nanoseconds. */
    public static long dueAt(long startNanos, long index, double ratePerSecond) {
        return startNanos + (long) (index * 1_000_000_000.0 / ratePerSecond);
    }

    /**
     * Runs {@code rate × seconds} arrivals on the calling thread and returns when the last one was <b>sent</b>
     * (answers may still be outstanding; {@link Outcome#answered} reports them). Returns the number sent.
     */
    public long run(double ratePerSecond, double seconds, Sender sender, Outcome outcome) {
        long total = Math.round(ratePerSecond * seconds);
        long start = clock.getAsLong();
        for (long i = 0; i < total; i++) {
            long due = dueAt(start, i, ratePerSecond);
            long wait;
            while ((wait = due - clock.getAsLong()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000L));
            }
            long sentAt = clock.getAsLong();
            outcome.sent(i, due, sentAt);
            long index = i;
            CompletableFuture<Integer> answer;
            try {
                answer = sender.send(index, due);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((status, error) -> outcome.answered(index, due, clock.getAsLong(),
                    status == null ? -1 : status, error));
        }
        return total;
    }
}
