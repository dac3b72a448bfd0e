package io.orderhub.kit.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An event waiting to be relayed (or already relayed) to Kafka. {@code seq} is assigned by the database. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    public String topic;
    @Column(name = "message_key")
    public String messageKey;
    public String type;
    public String source;
    public String subject;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String payload;
    public String traceparent;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
}
