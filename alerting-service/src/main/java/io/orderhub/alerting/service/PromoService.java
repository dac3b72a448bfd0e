package io.orderhub.alerting.service;

import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.AlertKind;
import io.orderhub.alerting.domain.PromoState;
import io.orderhub.alerting.domain.Severity;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.repository.PromoStateRepository;
import io.orderhub.contract.AlertEventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.PromoModeChanged;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Promo mode: more than {@code threshold} new orders in every {@code window} for {@code sustain} (by default 200 a
 * minute for 5 minutes) starts it; the first complete window at or below the threshold ends it. Start and end are
 * events on {@code orderhub.alerts.v1} that other services can react to (and an info alert for ops).
 */
@ApplicationScoped
public class PromoService {
    public static final String ALERT_KEY = "promo-mode";

    @Inject
    PromoStateRepository promo;
    @Inject
    AlertService alerts;
    @Inject
    Outbox outbox;
    @Inject
    AlertingConfig config;

    /**
     * The arrival of a new order as a common table expression, for a statement that already writes the order (the SLA
     * clock's): parameters {@code :id} (the global order id) and {@code :arrivedAt}. Same row as {@link #arrived}.
     */
    public static final String ARRIVAL_CTE = "arrival as (insert into order_arrival (global_order_id, arrived_at) "
            + "values (:id, :arrivedAt) on conflict do nothing)";

    /** A new order arrived (inside the consumer's transaction); counted once per order. */
    public Uni<Void> arrived(String globalOrderId, Instant at) {
        return promo.getSession().chain(s -> s.createNativeQuery(
                        "insert into order_arrival (global_order_id, arrived_at) values (:id, :at) on conflict do nothing")
                .setParameter("id", globalOrderId).setParameter("at", at).executeUpdate()).replaceWithVoid();
    }

    public record Status(boolean active, Instant since, List<Long> recentCounts, long threshold, String window) {
    }

    public Uni<Status> status() {
        Instant now = Times.now();
        return Panache.withSession(() -> promo.findById(PromoState.ID).chain(state -> counts(now)
                .map(c -> new Status(state.active, state.since, c, config.promo().threshold(), config.promo().window().toString()))));
    }

    /** New orders in each of the last complete (and settled) windows, oldest first. */
    Uni<List<Long>> counts(Instant now) {
        long w = config.promo().window().toMillis();
        int n = windows();
        long current = now.minus(config.promo().settle()).toEpochMilli() / w;
        Instant from = Instant.ofEpochMilli((current - n) * w);
        Instant to = Instant.ofEpochMilli(current * w);
        // on the session's connection, not a native query: a native select misses Hibernate's plan cache on every call
        return Sql.rows("select cast(floor(extract(epoch from arrived_at) * 1000 / cast($1 as double precision)) as bigint), "
                        + "count(*) from order_arrival where arrived_at >= $2 and arrived_at < $3 group by 1", (double) w, from, to)
                .map(rows -> {
                    Map<Long, Long> byBucket = new HashMap<>();
                    for (Object[] r : rows) {
                        byBucket.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
                    }
                    List<Long> out = new ArrayList<>();
                    for (long b = current - n; b < current; b++) {
                        out.add(byBucket.getOrDefault(b, 0L));
                    }
                    return out;
                });
    }

    private int windows() {
        return (int) Math.max(1, Math.ceil((double) config.promo().sustain().toMillis() / config.promo().window().toMillis()));
    }

    public Uni<PromoState> evaluate() {
        Instant now = Times.now();
        long threshold = config.promo().threshold();
        return Panache.withTransaction(() -> promo.findById(PromoState.ID, LockModeType.PESSIMISTIC_WRITE)
                .chain(state -> counts(now).chain(counts -> {
                    boolean sustained = counts.stream().allMatch(c -> c > threshold);
                    boolean fellBack = counts.get(counts.size() - 1) <= threshold;
                    if (!state.active && sustained) {
                        state.active = true;
                        state.since = now;
                        state.changedAt = now;
                        return announce(state, counts, now).replaceWith(state);
                    }
                    if (state.active && fellBack) {
                        state.active = false;
                        state.changedAt = now;
                        return announce(state, counts, now).replaceWith(state);
                    }
                    return Uni.createFrom().item(state);
                }))
                .call(() -> promo.getSession().chain(s -> s.createNativeQuery("delete from order_arrival where arrived_at < :before")
                        .setParameter("before", now.minus(config.promo().retention())).executeUpdate())));
    }

    private Uni<Void> announce(PromoState state, List<Long> counts, Instant now) {
        AlertingConfig.Promo cfg = config.promo();
        PromoModeChanged payload = new PromoModeChanged(state.active, cfg.threshold(), cfg.window().toString(), counts,
                state.since, now);
        String type = state.active ? AlertEventTypes.PROMO_MODE_STARTED : AlertEventTypes.PROMO_MODE_ENDED;
        Uni<?> alert = state.active
                ? alerts.raise(AlertSpec.of(ALERT_KEY, AlertKind.PROMO_MODE, Severity.INFO, AlertKind.OPS, null,
                        "Promo mode: more than " + cfg.threshold() + " new orders per " + Times.human(cfg.window())
                                + " for " + Times.human(cfg.sustain()) + " (last windows: " + counts + ")",
                        Map.of("threshold", Long.toString(cfg.threshold()))))
                : alerts.resolveKey(ALERT_KEY, "alerting-service", "new-order rate fell back to " + counts.get(counts.size() - 1)
                        + " per " + Times.human(cfg.window()));
        return alert.chain(() -> outbox.add(Topics.ALERTS, type, AlertEventTypes.PROMO_MODE_KEY, AlertEventTypes.PROMO_MODE_KEY,
                payload, now)).replaceWithVoid();
    }
}
