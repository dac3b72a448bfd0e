package io.orderhub.reconciliation.service;

import io.orderhub.reconciliation.config.ReconConfig;
import io.orderhub.reconciliation.domain.Rules;
import io.orderhub.reconciliation.rest.Credibility;
import io.orderhub.reconciliation.rest.MissingReport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Credibility, hourly deviation and the missing-orders report, aggregated in SQL (never loading the orders). */
@ApplicationScoped
public class FiguresService {
    @Inject
    Pool pool;
    @Inject
    ReconConfig config;

    static final String BY_CHANNEL = """
            select coalesce(channel, 'unknown') as channel, count(*) as checked,
                count(*) filter (where outcome = 'CONSISTENT') as consistent,
                count(*) filter (where outcome = 'DEVIATING') as deviating,
                count(*) filter (where outcome = 'SETTLING') as settling
            from recon_order
            where outcome is not null
              and ($1::timestamptz is null or ref_time >= $1::timestamptz)
              and ($2::timestamptz is null or ref_time < $2::timestamptz)
              and ($3::text is null or channel = $3::text)
            group by coalesce(channel, 'unknown') order by 1
            """;
    static final String SAMPLE = """
            select order_key, channel, channel_order_id, outcome from recon_order
            where outcome is not null and outcome <> 'SETTLING' and ref_time >= $1 and ref_time < $2
              and ($3::text is null or channel = $3::text)
            order by md5(order_key || ':' || $4::text), order_key limit $5
            """;
    static final String HOURLY = """
            select channel, hour_start, orders, decided, deviating, rate, above, alerted_at from deviation_hour
            where ($1::timestamptz is null or hour_start >= $1::timestamptz)
              and ($2::timestamptz is null or hour_start < $2::timestamptz)
              and ($3::text is null or channel = $3::text)
            order by hour_start desc, channel limit 500
            """;

    public Uni<Credibility> credibility(Instant from, Instant to, String channel, LocalDate day, String seed, int sampleSize) {
        OffsetDateTime f = from == null ? null : from.atOffset(ZoneOffset.UTC);
        OffsetDateTime t = to == null ? null : to.atOffset(ZoneOffset.UTC);
        LocalDate sampleDay = day != null ? day : LocalDate.now(ZoneOffset.UTC);
        String sampleSeed = seed != null ? seed : sampleDay.toString();
        Uni<List<Credibility.Figures>> byChannel = pool.preparedQuery(BY_CHANNEL).execute(Tuple.of(f, t, channel)).map(rows -> {
            List<Credibility.Figures> out = new ArrayList<>();
            rows.forEach(r -> out.add(figures(r.getString("channel"), r.getLong("checked"), r.getLong("consistent"),
                    r.getLong("deviating"), r.getLong("settling"))));
            return out;
        });
        Uni<Credibility.Sample> sample = pool.preparedQuery(SAMPLE).execute(Tuple.of(sampleDay.atStartOfDay().atOffset(ZoneOffset.UTC),
                        sampleDay.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)).addString(channel).addString(sampleSeed).addInteger(sampleSize))
                .map(rows -> {
                    List<Credibility.SampledOrder> drawn = new ArrayList<>();
                    int consistent = 0;
                    for (Row r : rows) {
                        drawn.add(new Credibility.SampledOrder(r.getString("order_key"), r.getString("channel"),
                                r.getString("channel_order_id"), r.getString("outcome")));
                        if ("CONSISTENT".equals(r.getString("outcome"))) {
                            consistent++;
                        }
                    }
                    return new Credibility.Sample(sampleDay, sampleSeed, sampleSize, drawn.size(), consistent,
                            ratio(consistent, drawn.size()), drawn);
                });
        Uni<List<Credibility.Hour>> hourly = pool.preparedQuery(HOURLY).execute(Tuple.of(f, t, channel)).map(rows -> {
            List<Credibility.Hour> out = new ArrayList<>();
            rows.forEach(r -> out.add(new Credibility.Hour(r.getString("channel"), r.getOffsetDateTime("hour_start").toInstant(),
                    r.getInteger("orders"), r.getInteger("decided"), r.getInteger("deviating"), r.getBigDecimal("rate"),
                    r.getBoolean("above"), r.getOffsetDateTime("alerted_at") == null ? null : r.getOffsetDateTime("alerted_at").toInstant())));
            return out;
        });
        return Uni.combine().all().unis(byChannel, sample, hourly).asTuple().map(x -> {
            long checked = 0;
            long consistent = 0;
            long deviating = 0;
            long settling = 0;
            for (Credibility.Figures c : x.getItem1()) {
                checked += c.checked();
                consistent += c.consistent();
                deviating += c.deviating();
                settling += c.settling();
            }
            return new Credibility(from, to, channel, figures(channel == null ? "all" : channel, checked, consistent, deviating, settling),
                    x.getItem1(), x.getItem2(), x.getItem3());
        });
    }

    private static Credibility.Figures figures(String channel, long checked, long consistent, long deviating, long settling) {
        long decided = checked - settling;
        return new Credibility.Figures(channel, checked, decided, consistent, deviating, settling, ratio(consistent, decided));
    }

    static BigDecimal ratio(long part, long whole) {
        return whole <= 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** Open "missing in {@code source}" discrepancies by gray state and by channel. */
    public Uni<MissingReport> missing(String source, String channel, Instant from, Instant to) {
        String rule = Rules.missingIn(source);
        return pool.preparedQuery("""
                        select coalesce(gray_state, 'UNKNOWN') as gray, coalesce(channel, 'unknown') as channel, count(*) as n
                        from discrepancy
                        where rule = $1 and resolved_at is null
                          and ($2::text is null or channel = $2::text)
                          and ($3::timestamptz is null or found_at >= $3::timestamptz)
                          and ($4::timestamptz is null or found_at < $4::timestamptz)
                        group by 1, 2
                        """)
                .execute(Tuple.of(rule, channel, from == null ? null : from.atOffset(ZoneOffset.UTC),
                        to == null ? null : to.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Long> byGray = new TreeMap<>();
                    Map<String, Long> byChannel = new TreeMap<>();
                    long total = 0;
                    for (Row r : rows) {
                        long n = r.getLong("n");
                        byGray.merge(r.getString("gray"), n, Long::sum);
                        byChannel.merge(r.getString("channel"), n, Long::sum);
                        total += n;
                    }
                    return new MissingReport(source, rule, total, byGray, byChannel);
                });
    }
}
