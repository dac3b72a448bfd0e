package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The one row of the label-backlog circuit breaker: {@code OPEN} (WMS intake paused) or {@code CLOSED}. */
@Entity
@Table(name = "breaker_state")
public class BreakerState {
    public static final short ID = 1;
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    @Id
    public Short id;
    public String state;
    public String reason;
    @Column(name = "changed_at")
    public Instant changedAt;
    public long backlog;
    @Column(name = "average_dwell_seconds")
    public long averageDwellSeconds;
    @Column(name = "checked_at")
    public Instant checkedAt;
}
