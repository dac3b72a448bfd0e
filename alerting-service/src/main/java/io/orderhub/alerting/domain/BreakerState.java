package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "breaker_state")
public class BreakerState {
    @Id
    public Short id;
    public String state;
    public String reason;
    @Column(name = "changed_at")
    public Instant changedAt;
}
