package io.orderhub.reconciliation.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.ReconciliationFinding;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.reconciliation.config.ReconConfig;
import io.orderhub.reconciliation.domain.DeviationHour;
import io.orderhub.reconciliation.domain.Rules;
import io.orderhub.reconciliation.repository.DeviationHourRepository;
import io.orderhub.reconciliation.repository.ReconOrderStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per channel and hour of payment: orders checked, decided (not settling), deviating, and the deviation rate. When a
 * channel+hour goes above the threshold (3 %) with enough decided orders, a {@code CREDIBILITY_MEASURED} event with
 * rule {@code DEVIATION_RATE} and the rate goes to the outbox; when it comes back under, another one with the new
 * rate. The gauge {@code orderhub.reconciliation.deviation.ratio{channel}} shows each channel's latest hour.
 */
@ApplicationScoped
public class DeviationService {
    public static final String GAUGE = "orderhub.reconciliation.deviation.ratio";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Inject
    ReconOrderStore store;
    @Inject
    DeviationHourRepository hours;
    @Inject
    Outbox outbox;
    @Inject
    ReconConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    Pool pool;

    private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    /** Recomputes the figures of these channel+hours; answers how many events it published. */
    public Uni<Integer> recompute(Collection<ReconOrderStore.Hour> touched, Instant now) {
        return store.hourStats(touched)
                .chain(stats -> breakdowns(stats).chain(rules -> Panache.withTransaction(() -> Multi.createFrom().iterable(stats)
                        .onItem().transformToUniAndConcatenate(s -> apply(s, rules.get(s.channel() + "@" + s.start()), now))
                        .collect().asList()
                        .map(list -> (int) list.stream().filter(Boolean::booleanValue).count()))))
                .call(this::refreshGauges);
    }

    private Uni<Boolean> apply(ReconOrderStore.HourStat s, String rules, Instant now) {
        BigDecimal threshold = config.deviation().threshold();
        BigDecimal rate = s.decided() == 0 ? BigDecimal.ZERO.setScale(6)
                : BigDecimal.valueOf(s.deviating()).divide(BigDecimal.valueOf(s.decided()), 6, RoundingMode.HALF_UP);
        boolean above = s.decided() >= config.deviation().minOrders() && rate.compareTo(threshold) > 0;
        return hours.findById(new DeviationHour.Key(s.channel(), s.start())).chain(existing -> {
            DeviationHour h = existing;
            if (h == null) {
                h = new DeviationHour();
                h.channel = s.channel();
                h.hourStart = s.start();
            }
            h.orders = s.orders();
            h.decided = s.decided();
            h.deviating = s.deviating();
            h.rate = rate;
            h.above = above;
            h.updatedAt = now;
            String reason = null;
            if (above && h.alertedAt == null) {
                h.alertedAt = now;
                reason = percent(rate) + " of " + s.channel() + " orders paid " + HOUR.format(s.start()) + "–"
                        + HOUR.format(s.start().plusSeconds(3600)).substring(11) + " UTC disagree between platform, ERP, carrier and hub ("
                        + s.deviating() + " of " + s.decided() + " decided; the limit is " + percent(threshold) + ")"
                        + (rules == null ? "" : ": " + rules) + ". GET /discrepancies?channel=" + s.channel() + " lists them.";
            } else if (!above && h.alertedAt != null) {
                h.alertedAt = null;
                reason = s.channel() + " orders paid " + HOUR.format(s.start()) + " UTC are back to " + percent(rate)
                        + " deviation (" + s.deviating() + " of " + s.decided() + " decided; the limit is " + percent(threshold) + ").";
            }
            DeviationHour row = h;
            Uni<?> save = existing == null ? hours.persist(row) : Uni.createFrom().item(row);
            if (reason == null) {
                return save.replaceWith(false);
            }
            ReconciliationFinding figure = new ReconciliationFinding(null, s.channel(), Rules.DEVIATION_RATE, reason, rate, now);
            return save.chain(() -> outbox.add(Topics.RECONCILIATION, EventTypes.CREDIBILITY_MEASURED, "deviation:" + s.channel(),
                    subject(s.channel(), s.start()), figure, now)).replaceWith(true);
        });
    }

    /** The CloudEvents subject of a channel+hour figure: {@code jd@2026-11-22T10:00:00Z}. */
    public static String subject(String channel, Instant hour) {
        return channel + "@" + hour;
    }

    /** For the channel+hours above the threshold: their open discrepancies by rule, e.g. "AMOUNT_MISMATCH 2, MISSING_IN_ERP 1". */
    private Uni<Map<String, String>> breakdowns(List<ReconOrderStore.HourStat> stats) {
        List<ReconOrderStore.HourStat> high = stats.stream().filter(s -> s.decided() > 0 && BigDecimal.valueOf(s.deviating())
                .divide(BigDecimal.valueOf(s.decided()), 6, RoundingMode.HALF_UP).compareTo(config.deviation().threshold()) > 0).toList();
        if (high.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] ch = high.stream().map(ReconOrderStore.HourStat::channel).toArray(String[]::new);
        String[] h = high.stream().map(s -> s.start().toString()).toArray(String[]::new);
        return pool.preparedQuery("""
                        select u.ch, u.h, d.rule, count(distinct d.order_key) as n
                        from unnest($1::text[], $2::text[]) as u(ch, h)
                        join recon_order r on r.channel = u.ch and r.ref_hour = u.h::timestamptz
                        join discrepancy d on d.order_key = r.order_key and d.resolved_at is null
                            and (d.gray_state is null or d.gray_state <> 'SYNC_LAG')
                        group by u.ch, u.h, d.rule order by u.ch, u.h, n desc, d.rule
                        """).execute(Tuple.of(ch, h)).map(rows -> {
                    Map<String, List<String>> parts = new LinkedHashMap<>();
                    rows.forEach(r -> parts.computeIfAbsent(r.getString("ch") + "@" + Instant.parse(r.getString("h")), k -> new ArrayList<>())
                            .add(r.getString("rule") + " " + r.getLong("n")));
                    Map<String, String> out = new LinkedHashMap<>();
                    parts.forEach((k, v) -> out.put(k, String.join(", ", v)));
                    return out;
                });
    }

    /** Sets each channel's gauge to its latest hour's rate. */
    public Uni<Void> refreshGauges() {
        return pool.query("""
                        select distinct on (channel) channel, rate from deviation_hour
                        where decided > 0 order by channel, hour_start desc
                        """).execute()
                .invoke(rows -> rows.forEach(r -> gauge(r.getString("channel")).set(r.getBigDecimal("rate").doubleValue())))
                .replaceWithVoid();
    }

    private AtomicReference<Double> gauge(String channel) {
        return gauges.computeIfAbsent(channel, c -> {
            AtomicReference<Double> value = new AtomicReference<>(0.0);
            Gauge.builder(GAUGE, value, AtomicReference::get).tag("channel", c)
                    .description("Share of the channel's orders (latest hour of payment) whose platform, ERP, carrier and hub disagree")
                    .register(registry);
            return value;
        });
    }

    static String percent(BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
