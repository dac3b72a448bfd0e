package io.orderhub.alerting.job;

import io.orderhub.alerting.service.BreakerService;
import io.orderhub.alerting.service.DispatchService;
import io.orderhub.alerting.service.DlqMonitor;
import io.orderhub.alerting.service.PromoService;
import io.orderhub.alerting.service.SlaClockService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The timers of alerting. Each skips a run while the previous one is still going, and a failing run is logged
 * and tried again at the next tick (all state is in the database, so nothing is lost between runs).
 */
@ApplicationScoped
public class AlertingJobs {
    private static final Logger LOG = Logger.getLogger(AlertingJobs.class);

    @Inject
    SlaClockService clocks;
    @Inject
    BreakerService breaker;
    @Inject
    PromoService promo;
    @Inject
    DlqMonitor dlq;
    @Inject
    DispatchService dispatch;

    @Scheduled(identity = "sla-tiers", every = "${orderhub.alerting.sla.check-every:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fireDueTiers() {
        return guard("sla-tiers", clocks.escalateDue());
    }

    @Scheduled(identity = "sla-recompute", every = "${orderhub.alerting.sla.recompute-every:15m}",
            delayed = "${orderhub.alerting.sla.recompute-every:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recomputeDeadlines() {
        return guard("sla-recompute", clocks.recomputeAll());
    }

    @Scheduled(identity = "breaker", every = "${orderhub.alerting.breaker.check-every:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> checkBreaker() {
        return guard("breaker", breaker.evaluate());
    }

    @Scheduled(identity = "promo", every = "${orderhub.alerting.promo.check-every:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> checkPromo() {
        return guard("promo", promo.evaluate());
    }

    @Scheduled(identity = "dlq", every = "${orderhub.alerting.dlq.check-every:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> checkDlq() {
        return guard("dlq", dlq.check());
    }

    @Scheduled(identity = "dispatch", every = "${orderhub.alerting.dispatch.every:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        return guard("dispatch", dispatch.runOnce());
    }

    private static Uni<Void> guard(String job, Uni<?> run) {
        return Uni.createFrom().deferred(() -> run)
                .onFailure().invoke(e -> LOG.errorf(e, "job %s failed; it runs again at its next tick", job))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
