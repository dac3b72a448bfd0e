package io.orderhub.reconciliation.service;

import io.orderhub.reconciliation.config.ReconConfig;
import io.orderhub.reconciliation.domain.ReconRun;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run at a time, on a dedicated worker thread. A request while a run is going queues the next one (every
 * request made meanwhile shares it), so the run a caller gets always started after its request and sees what it
 * seeded. Lifecycle events ask with a debounce: a burst of events costs one run.
 */
@ApplicationScoped
public class RunCoordinator {
    private static final Logger LOG = Logger.getLogger(RunCoordinator.class);
    public static final String SCHEDULE = "SCHEDULE";
    public static final String MANUAL = "MANUAL";
    public static final String EVENT = "EVENT";

    /** A requested run: its id is known at once, {@code done} completes when it has finished. */
    public record Ticket(UUID id, String trigger, Instant requestedAt, CompletableFuture<ReconRun> done) {
    }

    @Inject
    Reconciler reconciler;
    @Inject
    ReconConfig config;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reconciliation-run");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reconciliation-debounce");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean eventPending = new AtomicBoolean();
    private Ticket queued;
    private volatile Ticket running;
    private volatile boolean stopped;

    /** Queues a run (or joins the one already queued). */
    public synchronized Ticket request(String trigger) {
        if (queued != null) {
            return queued;
        }
        Ticket t = new Ticket(UUID.randomUUID(), trigger, Instant.now(), new CompletableFuture<>());
        if (stopped) {
            t.done().completeExceptionally(new IllegalStateException("the service is stopping"));
            return t;
        }
        queued = t;
        runner.execute(this::runQueued);
        return t;
    }

    /** Asks for a run within the debounce time; events arriving meanwhile share it. */
    public void requestSoon(String trigger) {
        if (stopped || !eventPending.compareAndSet(false, true)) {
            return;
        }
        timer.schedule(() -> {
            eventPending.set(false);
            request(trigger);
        }, config.eventDebounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The queued or running ticket with this id. */
    public synchronized Optional<Ticket> pending(UUID id) {
        if (queued != null && queued.id().equals(id)) {
            return Optional.of(queued);
        }
        Ticket r = running;
        return r != null && r.id().equals(id) ? Optional.of(r) : Optional.empty();
    }

    public boolean isRunning(UUID id) {
        Ticket r = running;
        return r != null && r.id().equals(id);
    }

    private void runQueued() {
        Ticket t;
        synchronized (this) {
            t = queued;
            queued = null;
            running = t;
        }
        if (t == null) {
            return;
        }
        try {
            t.done().complete(reconciler.run(t.id(), t.trigger()));
        } catch (Throwable e) {
            if (stopped) {
                LOG.debugf("reconciliation run %s ended by the shutdown", t.id());
            } else {
                LOG.errorf(e, "reconciliation run %s could not run", t.id());
            }
            t.done().completeExceptionally(e);
        } finally {
            running = null;
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
        timer.shutdownNow();
        runner.shutdownNow();
    }
}
