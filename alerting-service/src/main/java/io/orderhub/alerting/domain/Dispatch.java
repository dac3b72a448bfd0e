package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification to an alert channel ({@code kind} NOTIFY) or a call to an external system ({@code kind} ACTION:
 * pause/resume WMS intake, freeze coupons), written in the transaction that decided it and retried with backoff
 * until delivered. Never dropped.
 */
@Entity
@Table(name = "dispatch")
public class Dispatch {
    public static final String NOTIFY = "NOTIFY";
    public static final String ACTION = "ACTION";

    @Id
    public UUID id;
    @Column(name = "alert_id")
    public UUID alertId;
    /** The alert channel's name, or {@code wms} / {@code coupons} for actions. */
    public String channel;
    public String kind;
    /** FIRING / RESOLVED for notifications; PAUSE_INTAKE, RESUME_INTAKE, FREEZE_COUPONS for actions. */
    public String action;
    @Column(name = "group_key")
    public String groupKey;
    /** JSON: an {@code AlertMessage} for notifications, the call's arguments for actions. */
    public String payload;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
}
