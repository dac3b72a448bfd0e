package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "promo_state")
public class PromoState {
    public static final short ID = 1;

    @Id
    public Short id;
    public boolean active;
    public Instant since;
    @Column(name = "changed_at")
    public Instant changedAt;
}
