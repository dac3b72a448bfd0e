package io.orderhub.returns.job;

import io.orderhub.returns.service.ReturnsService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Escalates quality checks not done within {@code orderhub.returns.qc-deadline} of receiving the goods: one
 * {@code orderhub.return.qc-overdue.v1} per return, marked in the same transaction (a restart never fires twice).
 */
@ApplicationScoped
public class QcDeadlineJob {
    private static final Logger LOG = Logger.getLogger(QcDeadlineJob.class);

    @Inject
    ReturnsService returns;

    @Scheduled(every = "${orderhub.returns.qc-scan-every:60s}", delayed = "${orderhub.returns.qc-scan-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> escalate() {
        return returns.escalateOverdueQualityChecks()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("escalated %d overdue quality check(s)", n);
                    }
                })
                .onFailure().invoke(e -> LOG.error("the QC deadline scan failed; it runs again on the next tick", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
