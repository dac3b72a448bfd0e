package io.orderhub.returns.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An order's lifecycle state as returns last saw it. */
@Entity
@Table(name = "order_state")
public class KnownOrder {
    @Id
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    public String state;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "shipped_at")
    public Instant shippedAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** Whether the goods have left the warehouse. */
    public boolean shipped() {
        return shippedAt != null || "SHIPPED".equals(state) || "DELIVERED".equals(state);
    }
}
