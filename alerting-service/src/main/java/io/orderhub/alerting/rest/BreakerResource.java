package io.orderhub.alerting.rest;

import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.BreakerAudit;
import io.orderhub.alerting.domain.BreakerState;
import io.orderhub.alerting.repository.BreakerAuditRepository;
import io.orderhub.alerting.repository.BreakerRepository;
import io.orderhub.alerting.service.PromoService;
import io.orderhub.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
public class BreakerResource {
    @Inject
    BreakerRepository breaker;
    @Inject
    BreakerAuditRepository audits;
    @Inject
    PromoService promo;
    @Inject
    io.orderhub.alerting.service.DlqMonitor dlq;
    @Inject
    AlertingConfig config;

    public record Thresholds(long maxBacklog, String maxDwell, long resumeBacklog, String resumeDwell) {
    }

    public record Change(String from, String to, String reason, long backlog, long averageDwellSeconds, Instant changedAt) {
        static Change of(BreakerAudit a) {
            return new Change(a.fromState, a.toState, a.reason, a.backlog, a.averageDwellSeconds, a.changedAt);
        }
    }

    public record BreakerView(String state, String reason, Instant changedAt, long backlog, long averageDwellSeconds,
            Instant checkedAt, Thresholds thresholds, List<Change> history) {
    }

    /** The breaker: state, the figures of the last check, thresholds and its audited changes (newest first). */
    @GET
    @Path("breaker")
    @WithSession
    public Uni<BreakerView> breaker() {
        AlertingConfig.Breaker c = config.breaker();
        Thresholds t = new Thresholds(c.maxBacklog(), c.maxDwell().toString(), c.resumeBacklog(), c.resumeDwell().toString());
        return breaker.findById(BreakerState.ID).chain(b -> audits.find("order by changedAt desc").page(0, 50).list()
                .map(h -> new BreakerView(b.state, b.reason, b.changedAt, b.backlog, b.averageDwellSeconds, b.checkedAt, t,
                        h.stream().map(Change::of).toList())));
    }

    public record DlqView(String topic, long depth, Instant checkedAt) {
    }

    /** Messages ever written to each watched dead-letter topic, as last checked. */
    @GET
    @Path("dlq")
    public Uni<List<DlqView>> dlq() {
        return dlq.list().map(l -> l.stream().map(d -> new DlqView(d.topic, d.depth, d.checkedAt)).toList());
    }

    /** Promo mode: whether it is on, since when, and the new orders counted in the last windows. */
    @GET
    @Path("promo")
    public Uni<PromoService.Status> promo() {
        return promo.status();
    }
}
