package io.orderhub.inventory.domain;

import io.orderhub.contract.FundingStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The units held for one order line in one warehouse. */
@Entity
@Table(name = "reservation")
public class Reservation {
    @Id
    public UUID id;
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Column(name = "line_id")
    public String lineId;
    public String sku;
    public String warehouse;
    public int quantity;
    @Enumerated(EnumType.STRING)
    public FundingStatus funding;
    @Enumerated(EnumType.STRING)
    public ReservationStatus status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
