package io.orderhub.state.job;

import io.orderhub.state.service.OutboundService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sends outbound calls a kick missed (a crash, another replica's change) every {@code orderhub.state.outbound.poll}. */
@ApplicationScoped
public class OutboundJob {
    @Inject
    OutboundService outbound;

    @Scheduled(every = "${orderhub.state.outbound.poll}", delayed = "${orderhub.state.outbound.poll}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> send() {
        return outbound.run().replaceWithVoid();
    }
}
