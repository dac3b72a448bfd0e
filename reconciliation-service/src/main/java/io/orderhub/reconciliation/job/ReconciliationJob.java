package io.orderhub.reconciliation.job;

import io.orderhub.reconciliation.service.RunCoordinator;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Starts a run every {@code orderhub.reconciliation.every} (default 5 minutes); the run itself goes on its own thread. */
@ApplicationScoped
public class ReconciliationJob {
    @Inject
    RunCoordinator runs;

    @Scheduled(identity = "reconciliation-run", every = "${orderhub.reconciliation.every:5m}",
            delayed = "${orderhub.reconciliation.first-run-after:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        runs.request(RunCoordinator.SCHEDULE);
        return Uni.createFrom().voidItem();
    }
}
