package io.orderhub.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.contract.CloudEventHeaders;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays outbox rows to Kafka as CloudEvents (binary mode), oldest first, and marks them published.
 *
 * <p>Woken in memory right after a transaction of this process that wrote an event committed
 * ({@link Outbox#withTransaction}), by {@code LISTEN orderhub_outbox} for events written elsewhere with a
 * {@code pg_notify}, and by a sweep timer for anything a crash or another replica left behind.
 * One drain at a time per process; across replicas a session-level advisory lock, held on the relay's own
 * connection, lets only one relay publish, so rows go out in {@code seq} order and thus in order per key. A drain
 * is two statements per batch outside any transaction: read the unpublished rows, and after the broker acknowledged
 * them (acks=all, idempotent producer) mark them published: at least once. Published rows are deleted later by
 * {@link Retention}.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK_KEY = 0x0_4f75_7462_6f78L; // "Outbox"

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    Config config;
    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "orderhub.outbox.sweep-interval", defaultValue = "PT2S")
    Duration sweepInterval;
    @ConfigProperty(name = "orderhub.outbox.batch-size", defaultValue = "200")
    int batchSize;
    @ConfigProperty(name = "orderhub.outbox.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    Optional<String> reactiveUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> dbUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> dbPassword;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private KafkaProducer<String, byte[]> producer;
    private PgSubscriber subscriber;
    private long timerId = -1;
    private volatile SqlConnection leaderConnection;
    private Counter published;
    private Counter failures;

    void start(@Observes StartupEvent ignored) {
        if (!enabled) {
            LOG.info("outbox relay disabled (orderhub.outbox.enabled=false)");
            return;
        }
        published = registry.counter("orderhub.outbox.published");
        failures = registry.counter("orderhub.outbox.failures");
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
        listen();
        timerId = vertx.setPeriodic(sweepInterval.toMillis(), id -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (subscriber != null) {
            subscriber.close().subscribe().with(x -> { }, e -> { });
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        dropLeadership();
    }

    private void listen() {
        if (reactiveUrl.isEmpty()) {
            LOG.warn("no quarkus.datasource.reactive.url: outbox relay relies on its sweep timer only");
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.get());
        dbUser.ifPresent(options::setUser);
        dbPassword.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options);
        subscriber.reconnectPolicy(retries -> 1000L);
        subscriber.channel(Outbox.NOTIFY_CHANNEL).handler(payload -> wake());
        subscriber.connect().subscribe().with(
                x -> LOG.debugf("outbox relay listening on %s", Outbox.NOTIFY_CHANNEL),
                e -> LOG.warnf("outbox relay could not LISTEN (%s); the sweep timer still relays", e.getMessage()));
    }

    /** Asks for a drain; coalesces with one already running. */
    public void wake() {
        if (stopped || producer == null) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drainAll().subscribe().with(
                n -> finish(),
                e -> {
                    failures.increment();
                    LOG.warnf("outbox relay: %s (will retry on the next wake-up)", e.getMessage());
                    finish();
                });
    }

    private void finish() {
        running.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    /** Drains until a batch comes back short. Returns the number of events relayed. */
    public Uni<Integer> drainAll() {
        return leader().chain(conn -> {
            if (conn == null) {
                // another replica's relay leads and may have read before our commit: wake it (it LISTENs); the sweep
                // timer tries to lead again, in case it is gone
                return notifyLeader().replaceWith(0);
            }
            return drainFrom(conn);
        });
    }

    private Uni<Integer> drainFrom(SqlConnection conn) {
        return relayBatch(conn)
                .onFailure().invoke(e -> dropLeadership())
                .chain(n -> n >= batchSize && !stopped ? drainFrom(conn).map(m -> n + m) : Uni.createFrom().item(n));
    }

    /**
     * This relay's own connection holding the session-level advisory lock, or null while another replica's relay
     * holds it. Across replicas only the holder publishes, so rows go out in {@code seq} order; the lock goes with
     * the connection (a relay that dies or loses its database connection frees it for another).
     */
    private Uni<SqlConnection> leader() {
        SqlConnection current = leaderConnection;
        if (current != null) {
            return Uni.createFrom().item(current);
        }
        return pool.getConnection().chain(conn -> conn.preparedQuery("select pg_try_advisory_lock($1) as locked")
                .execute(Tuple.of(ADVISORY_LOCK_KEY))
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .onFailure().invoke(e -> conn.closeAndForget())
                .map(locked -> {
                    if (!locked) {
                        conn.closeAndForget();
                        return null;
                    }
                    if (stopped) {
                        conn.closeAndForget();
                        return null;
                    }
                    leaderConnection = conn;
                    LOG.debug("outbox relay leads (advisory lock held)");
                    return conn;
                }));
    }

    private void dropLeadership() {
        SqlConnection conn = leaderConnection;
        leaderConnection = null;
        if (conn != null) {
            conn.closeAndForget(); // ends the session, so the lock is free for the next holder
        }
    }

    private Uni<Void> notifyLeader() {
        return pool.query("select cast(pg_notify('" + Outbox.NOTIFY_CHANNEL + "', '') as text)").execute()
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /**
     * One batch: the unpublished rows in {@code seq} order (one statement), sent, and once the broker acknowledged
     * them all, marked published (one statement). No transaction is open while the broker is waited for.
     */
    private Uni<Integer> relayBatch(SqlConnection conn) {
        return conn.preparedQuery("select id, topic, message_key, type, source, subject, occurred_at, payload, traceparent "
                + "from outbox_event where published_at is null order by seq limit $1")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<CompletableFuture<UUID>> sends = new ArrayList<>(batch.size());
                    for (Row row : batch) {
                        sends.add(send(row));
                    }
                    return Uni.createFrom().completionStage(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)))
                            .chain(() -> {
                                UUID[] ids = sends.stream().map(CompletableFuture::join).toArray(UUID[]::new);
                                return conn.preparedQuery("update outbox_event set published_at = now() where id = any($1)")
                                        .execute(Tuple.of(ids))
                                        .invoke(() -> published.increment(ids.length))
                                        .replaceWith(ids.length);
                            });
                });
    }

    private CompletableFuture<UUID> send(Row row) {
        UUID id = row.getUUID("id");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.getString("topic"), null,
                row.getString("message_key"), row.getString("payload").getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, id.toString());
        header(record, CloudEventHeaders.TYPE, row.getString("type"));
        header(record, CloudEventHeaders.SOURCE, row.getString("source"));
        header(record, CloudEventHeaders.SUBJECT, row.getString("subject"));
        OffsetDateTime time = row.getOffsetDateTime("occurred_at");
        header(record, CloudEventHeaders.TIME, time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        String traceparent = row.getString("traceparent");
        if (traceparent != null) {
            header(record, "traceparent", traceparent);
        }
        CompletableFuture<UUID> result = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(id);
            }
        });
        return result;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        // Everything under "kafka." (the default broker configuration of the Kafka connector) applies here too,
        // so SASL/TLS settings for a cluster are configured once.
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.") && !name.startsWith("kafka.devservices")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> props.put(name.substring("kafka.".length()), v));
            }
        }
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG,
                config.getOptionalValue("quarkus.application.name", String.class).orElse("orderhub") + "-outbox");
        return props;
    }
}
