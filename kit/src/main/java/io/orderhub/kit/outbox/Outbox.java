package io.orderhub.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.orderhub.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes an event into the outbox table within the caller's current transaction. Call it from a
 * {@code @WithTransaction} use case: if the transaction rolls back, the event never existed.
 *
 * <p>Waking the relay: inside {@link #withTransaction} (the consumers' and the webhook's transactions) the relay of
 * this process is woken right after the commit, in memory. Anywhere else a {@code pg_notify} in the same transaction
 * wakes it. The in-memory wake is the hot path's because PostgreSQL serialises the commits of every transaction that
 * issued a NOTIFY, across all databases of the server (one lock on the notification queue): six services notifying on
 * every event queued their commits behind each other.
 */
@ApplicationScoped
public class Outbox {
    public static final String NOTIFY_CHANNEL = "orderhub_outbox";
    private static final String WAKE_AFTER_COMMIT = "orderhub.outbox.wake-after-commit";

    @Inject
    ObjectMapper mapper;
    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    /**
     * Records an event for {@code topic}. {@code key} is the Kafka key (the global order id, or the SKU
     * for stock-level events); {@code subject} the CloudEvents subject (usually the same).
     */
    public Uni<OutboxEvent> add(String topic, String type, String key, String subject, Object payload) {
        return add(topic, type, key, subject, payload, Instant.now());
    }

    public Uni<OutboxEvent> add(String topic, String type, String key, String subject, Object payload,
            Instant occurredAt) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.type = type;
        event.messageKey = key;
        event.subject = subject;
        event.source = serviceName;
        event.occurredAt = occurredAt;
        event.payload = toJson(payload);
        event.traceparent = currentTraceparent();
        WakeAfterCommit wake = wakeAfterCommit();
        if (wake != null) {
            wake.wanted = true;
            return Panache.getSession().chain(session -> session.persist(event)).replaceWith(event);
        }
        return Panache.getSession()
                .chain(session -> session.persist(event)
                        .chain(session::flush)
                        .chain(() -> Sql.value("select cast(pg_notify('" + NOTIFY_CHANNEL + "', '') as text)")))
                .replaceWith(event);
    }

    /**
     * {@link Panache#withTransaction}, and if {@code work} added events, wakes this process' relay after the commit
     * instead of a {@code pg_notify} inside the transaction. Must be called on a Vert.x duplicated context (as
     * {@code Panache.withTransaction} itself); elsewhere it falls back to the notify.
     */
    public <T> Uni<T> withTransaction(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context) || context.getLocal(WAKE_AFTER_COMMIT) != null) {
            return Panache.withTransaction(work); // no context to mark, or nested: the outermost call wakes the relay
        }
        return Uni.createFrom().deferred(() -> {
            WakeAfterCommit wake = new WakeAfterCommit();
            context.putLocal(WAKE_AFTER_COMMIT, wake);
            return Panache.withTransaction(work)
                    .eventually(() -> context.removeLocal(WAKE_AFTER_COMMIT))
                    .invoke(() -> {
                        if (wake.wanted) {
                            relay.wake();
                        }
                    });
        });
    }

    private static WakeAfterCommit wakeAfterCommit() {
        Context context = Vertx.currentContext();
        return context == null ? null : context.getLocal(WAKE_AFTER_COMMIT);
    }

    /** Set on the transaction's context by {@link #withTransaction}: whether an event was added. */
    private static final class WakeAfterCommit {
        volatile boolean wanted;
    }

    private String toJson(Object payload) {
        try {
            return payload instanceof String s ? s : mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be serialized: " + e.getMessage(), e);
        }
    }

    static String currentTraceparent() {
        SpanContext ctx = Span.current().getSpanContext();
        if (!ctx.isValid()) {
            return null;
        }
        return "00-" + ctx.getTraceId() + "-" + ctx.getSpanId() + "-" + ctx.getTraceFlags().asHex();
    }
}
