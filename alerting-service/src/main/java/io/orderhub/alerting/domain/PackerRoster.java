package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Packers on duty in a warehouse now. */
@Entity
@Table(name = "packer_roster")
public class PackerRoster {
    @Id
    public String warehouse;
    public int packers;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
