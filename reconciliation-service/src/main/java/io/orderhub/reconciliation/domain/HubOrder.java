package io.orderhub.reconciliation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hub's side of an order: the lifecycle events (state, holds, tracking) and the ingested snapshot (channel ids,
 * total and fees in the hub's vocabulary).
 */
@Entity
@Table(name = "hub_order")
public class HubOrder {
    @Id
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    /** Null while the order was ingested but has had no lifecycle event yet. */
    public String state;
    @Column(name = "paid_at")
    public Instant paidAt;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "updated_at")
    public Instant updatedAt;
    public String shop;
    @Column(name = "channel_order_id")
    public String channelOrderId;
    /** Comma-separated hold names standing after the latest event. */
    public String holds;
    @Column(name = "hold_reason")
    public String holdReason;
    public String carrier;
    @Column(name = "shipped_at")
    public Instant shippedAt;
    public BigDecimal total;
    public String currency;
    /** JSON object: standard fee type → amount in {@link #currency}. */
    public String fees;
    @Column(name = "channel_updated_at")
    public Instant channelUpdatedAt;
    /** When the hub first heard of the order (set by the database when the row is created). */
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public Set<String> holdSet() {
        return holds == null || holds.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(holds.split(",")));
    }
}
