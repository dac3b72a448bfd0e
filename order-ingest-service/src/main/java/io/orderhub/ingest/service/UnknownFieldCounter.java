package io.orderhub.ingest.service;

import io.orderhub.ingest.domain.mapping.UnknownFields;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts unknown fields in memory on the hot path and adds the counts to {@code unknown_field} in one
 * batch (by the flush job, and before suggestions are read). Statistics: a crash loses at most one interval.
 */
@ApplicationScoped
public class UnknownFieldCounter {
    @Inject
    Pool pool;

    private record Key(String channel, String path) {
    }

    private static final class Acc {
        long occurrences;
        long numeric;
        long smallShare;
        BigDecimal minAmount;
        BigDecimal maxAmount;
        BigDecimal minShare;
        BigDecimal maxShare;
        String sample;
    }

    private volatile ConcurrentHashMap<Key, Acc> pending = new ConcurrentHashMap<>();

    public void record(String channel, List<UnknownFields.Observation> observations) {
        ConcurrentHashMap<Key, Acc> current = pending;
        for (UnknownFields.Observation o : observations) {
            current.compute(new Key(channel, o.path()), (k, acc) -> {
                Acc a = acc == null ? new Acc() : acc;
                a.occurrences++;
                a.sample = o.sample();
                if (o.amount() != null) {
                    a.numeric++;
                    a.minAmount = a.minAmount == null ? o.amount() : a.minAmount.min(o.amount());
                    a.maxAmount = a.maxAmount == null ? o.amount() : a.maxAmount.max(o.amount());
                    if (UnknownFields.smallShare(o.share())) {
                        a.smallShare++;
                        a.minShare = a.minShare == null ? o.share() : a.minShare.min(o.share());
                        a.maxShare = a.maxShare == null ? o.share() : a.maxShare.max(o.share());
                    }
                }
                return a;
            });
        }
    }

    private static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    /** Adds what was counted since the last flush to the table. */
    public Uni<Void> flush() {
        ConcurrentHashMap<Key, Acc> taken;
        synchronized (this) {
            taken = pending;
            pending = new ConcurrentHashMap<>();
        }
        if (taken.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (Map.Entry<Key, Acc> e : taken.entrySet()) {
            Acc a = e.getValue();
            Tuple row = Tuple.tuple();
            row.addValue(UUID.randomUUID()).addValue(e.getKey().channel()).addValue(e.getKey().path())
                    .addValue(a.occurrences).addValue(a.numeric).addValue(a.smallShare)
                    .addValue(numeric(a.minAmount)).addValue(numeric(a.maxAmount))
                    .addValue(numeric(a.minShare)).addValue(numeric(a.maxShare)).addValue(a.sample);
            rows.add(row);
        }
        return pool.preparedQuery("insert into unknown_field (id, channel, path, occurrences, numeric_samples, small_share_samples, "
                        + "min_amount, max_amount, min_share, max_share, sample_value, first_seen, last_seen, status) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now(), 'OPEN') "
                        + "on conflict (channel, path) do update set "
                        + "occurrences = unknown_field.occurrences + excluded.occurrences, "
                        + "numeric_samples = unknown_field.numeric_samples + excluded.numeric_samples, "
                        + "small_share_samples = unknown_field.small_share_samples + excluded.small_share_samples, "
                        + "min_amount = least(unknown_field.min_amount, excluded.min_amount), "
                        + "max_amount = greatest(unknown_field.max_amount, excluded.max_amount), "
                        + "min_share = least(unknown_field.min_share, excluded.min_share), "
                        + "max_share = greatest(unknown_field.max_share, excluded.max_share), "
                        + "sample_value = excluded.sample_value, last_seen = now()")
                .executeBatch(rows)
                .replaceWithVoid();
    }
}
