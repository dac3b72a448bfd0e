package io.orderhub.reconciliation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The hub's side of an order, as the lifecycle events describe it. */
@Entity
@Table(name = "hub_order")
public class HubOrder {
    @Id
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    public String state;
    @Column(name = "paid_at")
    public Instant paidAt;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
