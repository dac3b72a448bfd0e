package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Who set the rules, packers and categories last: {@code none}, {@code config} (re-seeded at startup) or {@code rest}. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy {
    public static final short ID = 1;

    @Id
    public Short id;
    public String source;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
