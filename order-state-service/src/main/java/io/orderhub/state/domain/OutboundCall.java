package io.orderhub.state.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A call to the outside world that an order change asks for, written in the same transaction as the change and sent
 * after the commit by the outbound worker (the outbox pattern, for HTTP): the shipment written back to the channel
 * ({@link Kind#CHANNEL_SHIPMENT}, the write-back log) or an intercept at the warehouse ({@link Kind#WAREHOUSE_INTERCEPT}).
 */
@Entity
@Table(name = "outbound_call")
public class OutboundCall {
    public enum Kind { CHANNEL_SHIPMENT, WAREHOUSE_INTERCEPT }

    public enum Status { PENDING, SUCCEEDED, MANUAL_REVIEW }

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    public String shop;
    @Column(name = "channel_order_id")
    public String channelOrderId;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(columnDefinition = "text")
    public String reason;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;

    public static OutboundCall of(Kind kind, Order o, String reason, Instant now) {
        OutboundCall c = new OutboundCall();
        c.id = UUID.randomUUID();
        c.kind = kind;
        c.globalOrderId = o.globalOrderId;
        c.channel = o.channel;
        c.shop = o.shop;
        c.channelOrderId = o.channelOrderId;
        c.carrier = o.carrier;
        c.trackingNumber = o.trackingNumber;
        c.reason = reason;
        c.status = Status.PENDING;
        c.createdAt = now;
        c.updatedAt = now;
        return c;
    }
}
