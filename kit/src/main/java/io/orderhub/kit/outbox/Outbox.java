package io.orderhub.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes an event into the outbox table within the caller's current transaction. Call it from a
 * {@code @WithTransaction} use case: if the transaction rolls back, the event never existed.
 * A {@code pg_notify} in the same transaction wakes the relay right after the commit.
 */
@ApplicationScoped
public class Outbox {
    public static final String NOTIFY_CHANNEL = "orderhub_outbox";

    @Inject
    ObjectMapper mapper;

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
        return Panache.getSession()
                .chain(session -> session.persist(event)
                        .chain(session::flush)
                        .chain(() -> session.createNativeQuery("select cast(pg_notify('" + NOTIFY_CHANNEL + "', '') as text)")
                                .getSingleResult()))
                .replaceWith(event);
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
