package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Alerts matching every given matcher are recorded but not sent, between {@code startsAt} and {@code endsAt}. */
@Entity
@Table(name = "silence")
public class Silence {
    @Id
    public UUID id;
    public String kind;
    public String severity;
    public String team;
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Column(name = "dedupe_key_prefix")
    public String dedupeKeyPrefix;
    public String reason;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean matches(Alert a) {
        return (kind == null || kind.equals(a.kind))
                && (severity == null || severity.equalsIgnoreCase(a.severity.name()))
                && (team == null || team.equals(a.team))
                && (globalOrderId == null || globalOrderId.equals(a.globalOrderId))
                && (dedupeKeyPrefix == null || a.dedupeKey.startsWith(dedupeKeyPrefix));
    }
}
