package io.orderhub.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deletes what the outbox and the inbox no longer need, in batches, so neither grows forever:
 * <ul>
 * <li>outbox rows published more than {@code orderhub.retention.outbox-published} ago (default 1 day: a published
 * row is only kept to look at; the event itself lives on in Kafka);</li>
 * <li>inbox rows older than {@code orderhub.retention.inbox} (default 14 days: longer than Kafka's default topic
 * retention of 7 days, so every event Kafka can still redeliver is still recognised as a duplicate).</li>
 * </ul>
 * Each pass deletes at most {@code orderhub.retention.batch-size} rows a statement and repeats while a batch comes
 * back full; passes run every {@code orderhub.retention.interval} (default 10 min). Replicas may run it at the
 * same time: a row is deleted once, the other statement finds it gone. Unpublished outbox rows are never deleted.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "orderhub.retention.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "orderhub.retention.outbox-published", defaultValue = "P1D")
    Duration outboxPublished;
    @ConfigProperty(name = "orderhub.retention.inbox", defaultValue = "P14D")
    Duration inbox;
    @ConfigProperty(name = "orderhub.retention.interval", defaultValue = "PT10M")
    Duration interval;
    @ConfigProperty(name = "orderhub.retention.batch-size", defaultValue = "5000")
    int batchSize;

    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    void start(@Observes StartupEvent ignored) {
        if (enabled) {
            timerId = vertx.setPeriodic(interval.toMillis(), id -> runInBackground());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void runInBackground() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        run().subscribe().with(n -> running.set(false), e -> {
            running.set(false);
            LOG.warnf("retention pass failed (%s); the next one retries", e.getMessage());
        });
    }

    /** One pass: deletes everything past its retention. Returns the rows deleted. */
    public Uni<Long> run() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return deleteAll("outbox_event",
                "delete from outbox_event where id in (select id from outbox_event "
                        + "where published_at is not null and published_at < $1 limit $2)", now.minus(outboxPublished))
                .chain(outbox -> deleteAll("inbox_event",
                        "delete from inbox_event where (event_id, consumer) in (select event_id, consumer from inbox_event "
                                + "where processed_at < $1 limit $2)", now.minus(inbox))
                        .map(in -> outbox + in));
    }

    private Uni<Long> deleteAll(String table, String sql, OffsetDateTime before) {
        return pool.preparedQuery(sql).execute(Tuple.of(before, batchSize)).chain(rows -> {
            long n = rows.rowCount();
            if (n > 0) {
                registry.counter("orderhub.retention.deleted", "table", table).increment(n);
            }
            return n >= batchSize ? deleteAll(table, sql, before).map(m -> n + m) : Uni.createFrom().item(n);
        });
    }
}
