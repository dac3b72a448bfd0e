package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "alert")
public class Alert {
    @Id
    public UUID id;
    @Column(name = "dedupe_key")
    public String dedupeKey;
    public String kind;
    public String severity;
    public String tier;
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String summary;
    public String status;
    @Column(name = "raised_at")
    public Instant raisedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
}
