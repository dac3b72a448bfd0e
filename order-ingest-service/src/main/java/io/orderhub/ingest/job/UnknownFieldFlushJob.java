package io.orderhub.ingest.job;

import io.orderhub.ingest.service.UnknownFieldCounter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Writes the unknown-field counts of this replica to the database. */
@ApplicationScoped
public class UnknownFieldFlushJob {
    @Inject
    UnknownFieldCounter counter;

    @Scheduled(every = "${orderhub.ingest.unknown-fields-flush}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
        return counter.flush();
    }
}
