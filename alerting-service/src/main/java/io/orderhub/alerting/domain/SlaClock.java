package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/** The ship-by clock of one paid order. */
@Entity
@Table(name = "sla_clock")
public class SlaClock {
    @Id
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    @Column(name = "paid_at")
    public Instant paidAt;
    public Instant deadline;
    /** The order's lifecycle state as last seen. */
    public String state;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Ship-by deadline = paid time + window. */
    public static Instant deadline(Instant paidAt, Duration window) {
        return paidAt.plus(window);
    }
}
