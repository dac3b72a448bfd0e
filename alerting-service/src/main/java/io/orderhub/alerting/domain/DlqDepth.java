package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Messages ever written to a dead-letter topic, as last seen. */
@Entity
@Table(name = "dlq_depth")
public class DlqDepth {
    @Id
    public String topic;
    public long depth;
    @Column(name = "checked_at")
    public Instant checkedAt;
}
