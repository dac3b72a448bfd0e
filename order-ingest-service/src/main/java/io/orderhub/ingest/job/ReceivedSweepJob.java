package io.orderhub.ingest.job;

import io.orderhub.ingest.config.IngestConfig;
import io.orderhub.ingest.repository.RawPayloadRepository;
import io.orderhub.ingest.service.IngestService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Nothing stored is lost: a delivery still RECEIVED after {@code orderhub.ingest.reprocess-after} (its
 * processing crashed or hit a database error after the raw insert) is processed again.
 */
@ApplicationScoped
public class ReceivedSweepJob {
    private static final Logger LOG = Logger.getLogger(ReceivedSweepJob.class);

    @Inject
    RawPayloadRepository raws;
    @Inject
    IngestService ingest;
    @Inject
    IngestConfig config;

    @Scheduled(every = "${orderhub.ingest.sweep-interval}", delayed = "${orderhub.ingest.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        Instant before = Instant.now().minus(config.reprocessAfter());
        return Panache.withSession(() -> raws.receivedBefore(before, config.sweepBatch()))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> ingest.process(id, false)
                        .invoke(r -> LOG.infof("sweep: raw payload %s is now %s", id, r.status()))
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("sweep: raw payload %s still fails: %s", id, e.getMessage());
                            return null;
                        }))
                .collect().asList()
                .replaceWithVoid();
    }
}
