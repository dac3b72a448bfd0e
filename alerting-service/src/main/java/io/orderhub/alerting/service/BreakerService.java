package io.orderhub.alerting.service;

import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.AlertKind;
import io.orderhub.alerting.domain.BreakerAudit;
import io.orderhub.alerting.domain.BreakerState;
import io.orderhub.alerting.domain.Severity;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.repository.BreakerAuditRepository;
import io.orderhub.alerting.repository.BreakerRepository;
import io.orderhub.contract.AlertEventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.BreakerChanged;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The label-backlog circuit breaker. Opens when more than {@code max-backlog} orders wait for a label (paid or
 * stock-locked, not exempt) and their average time since payment is above {@code max-dwell}: the ops director
 * is paged and WMS intake is paused. Closes (intake resumed) only once the backlog is below
 * {@code resume-backlog} or the dwell below {@code resume-dwell}, both under the opening thresholds, so it does
 * not flap. Every open and close is audited and announced on {@code orderhub.alerts.v1}.
 */
@ApplicationScoped
public class BreakerService {
    private static final Logger LOG = Logger.getLogger(BreakerService.class);
    public static final String ALERT_KEY = "breaker";

    @Inject
    BreakerRepository breaker;
    @Inject
    BreakerAuditRepository audits;
    @Inject
    AlertService alerts;
    @Inject
    Outbox outbox;
    @Inject
    AlertingConfig config;

    /** 1 while open: {@code orderhub_breaker_open}. */
    private final AtomicInteger open = new AtomicInteger();

    public AtomicInteger openGauge() {
        return open;
    }

    public record Backlog(long orders, long averageDwellSeconds) {
    }

    public Uni<BreakerState> evaluate() {
        return Panache.withTransaction(() -> breaker.findById(BreakerState.ID, LockModeType.PESSIMISTIC_WRITE)
                .chain(state -> backlog().chain(b -> decide(state, b))));
    }

    /** Orders waiting for a label and their average time since payment. */
    public Uni<Backlog> backlog() {
        Instant now = Times.now();
        // on the session's connection, not a native query: a native select misses Hibernate's plan cache on every call
        return Sql.rows("select count(*), coalesce(avg(extract(epoch from (cast($1 as timestamptz) - paid_at))), 0) from sla_clock "
                        + "where stopped_at is null and exempt_reason is null and paid_at is not null "
                        + "and state in ('PAID', 'STOCK_LOCKED')", now)
                .map(rows -> rows.get(0))
                .map(row -> new Backlog(((Number) row[0]).longValue(), Math.round(((Number) row[1]).doubleValue())));
    }

    private Uni<BreakerState> decide(BreakerState state, Backlog b) {
        Instant now = Times.now();
        state.backlog = b.orders();
        state.averageDwellSeconds = b.averageDwellSeconds();
        state.checkedAt = now;
        AlertingConfig.Breaker cfg = config.breaker();
        long maxDwell = cfg.maxDwell().toSeconds();
        if (BreakerState.CLOSED.equals(state.state) && b.orders() > cfg.maxBacklog() && b.averageDwellSeconds() > maxDwell) {
            String reason = b.orders() + " orders wait for a label (more than " + cfg.maxBacklog() + ") with an average dwell of "
                    + Times.human(java.time.Duration.ofSeconds(b.averageDwellSeconds())) + " (above " + Times.human(cfg.maxDwell())
                    + "): WMS intake paused";
            return change(state, BreakerState.OPEN, reason, b, now);
        }
        if (BreakerState.OPEN.equals(state.state)
                && (b.orders() < cfg.resumeBacklog() || b.averageDwellSeconds() < cfg.resumeDwell().toSeconds())) {
            String reason = "backlog drained to " + b.orders() + " orders (resume below " + cfg.resumeBacklog()
                    + ") with an average dwell of " + Times.human(java.time.Duration.ofSeconds(b.averageDwellSeconds()))
                    + " (resume below " + Times.human(cfg.resumeDwell()) + "): WMS intake resumed";
            return change(state, BreakerState.CLOSED, reason, b, now);
        }
        open.set(BreakerState.OPEN.equals(state.state) ? 1 : 0);
        return Uni.createFrom().item(state);
    }

    private Uni<BreakerState> change(BreakerState state, String to, String reason, Backlog b, Instant now) {
        BreakerAudit audit = new BreakerAudit();
        audit.id = UUID.randomUUID();
        audit.fromState = state.state;
        audit.toState = to;
        audit.reason = reason;
        audit.backlog = b.orders();
        audit.averageDwellSeconds = b.averageDwellSeconds();
        audit.changedAt = now;
        state.state = to;
        state.reason = reason;
        state.changedAt = now;
        boolean opening = BreakerState.OPEN.equals(to);
        LOG.warnf("circuit breaker %s: %s", to, reason);
        Uni<Void> alertAndCall = opening
                ? alerts.raise(AlertSpec.of(ALERT_KEY, AlertKind.BREAKER_OPEN, Severity.CRITICAL, AlertKind.OPS_DIRECTOR, null,
                        "Circuit breaker open: " + reason, Map.of("backlog", Long.toString(b.orders()),
                                "average_dwell_seconds", Long.toString(b.averageDwellSeconds()))))
                        .chain(a -> alerts.action(a.id, "wms", "PAUSE_INTAKE", Map.of("reason", reason)))
                : alerts.resolveKey(ALERT_KEY, "alerting-service", "backlog drained")
                        .chain(a -> alerts.action(a == null ? null : a.id, "wms", "RESUME_INTAKE", Map.of("reason", reason)));
        return audits.persist(audit)
                .chain(() -> alertAndCall)
                .chain(() -> outbox.add(Topics.ALERTS, opening ? AlertEventTypes.BREAKER_OPENED : AlertEventTypes.BREAKER_CLOSED,
                        AlertEventTypes.BREAKER_KEY, AlertEventTypes.BREAKER_KEY,
                        new BreakerChanged(to, reason, b.orders(), b.averageDwellSeconds(), now), now))
                .invoke(() -> open.set(opening ? 1 : 0))
                .replaceWith(state);
    }

    /** Loads the gauge from the stored state at startup. */
    public Uni<Void> loadGauge() {
        return Panache.withSession(() -> breaker.findById(BreakerState.ID)
                .invoke(s -> open.set(s != null && BreakerState.OPEN.equals(s.state) ? 1 : 0)).replaceWithVoid());
    }
}
