package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Every open and close of the breaker, with the figures that caused it. */
@Entity
@Table(name = "breaker_audit")
public class BreakerAudit {
    @Id
    public UUID id;
    @Column(name = "from_state")
    public String fromState;
    @Column(name = "to_state")
    public String toState;
    public String reason;
    public long backlog;
    @Column(name = "average_dwell_seconds")
    public long averageDwellSeconds;
    @Column(name = "changed_at")
    public Instant changedAt;
}
