package io.orderhub.ingest.job;

import io.orderhub.ingest.config.IngestConfig;
import io.orderhub.ingest.service.PullService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The safety net: every {@code orderhub.ingest.pull.interval} (5 minutes by default) every shop with an access token is pulled. */
@ApplicationScoped
public class PullJob {
    @Inject
    PullService pulls;
    @Inject
    IngestConfig config;

    @Scheduled(every = "${orderhub.ingest.pull.interval}", delayed = "${orderhub.ingest.pull.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> pull() {
        if (!config.pull().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return pulls.pullAll().replaceWithVoid();
    }
}
