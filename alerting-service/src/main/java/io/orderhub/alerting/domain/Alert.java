package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One alert per dedupe key: raised, escalated (tier), acknowledged, resolved, reopened. */
@Entity
@Table(name = "alert")
public class Alert {
    @Id
    public UUID id;
    @Column(name = "dedupe_key")
    public String dedupeKey;
    public String kind;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    /** L1, L2, L3 for SLA alerts. */
    public String tier;
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String summary;
    @Enumerated(EnumType.STRING)
    public AlertStatus status;
    @Column(name = "raised_at")
    public Instant raisedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    public String team;
    /** Notifications of one group key that come together go out as one message. */
    @Column(name = "group_key")
    public String groupKey;
    /** Extra labels as a JSON object (e.g. sku, topic, channel). */
    public String labels;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "escalated_at")
    public Instant escalatedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    public int occurrences;
    @Column(name = "silenced_by")
    public UUID silencedBy;
}
