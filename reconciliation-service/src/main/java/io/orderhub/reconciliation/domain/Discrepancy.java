package io.orderhub.reconciliation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** What differs between platform, ERP, carrier and hub for one order, with a plain-language reason. */
@Entity
@Table(name = "discrepancy")
public class Discrepancy {
    @Id
    public UUID id;
    /** The global order id, or {@code channel:shop:channelOrderId} for an order the hub does not know. */
    @Column(name = "order_key")
    public String orderKey;
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    public String shop;
    @Column(name = "channel_order_id")
    public String channelOrderId;
    public String rule;
    @Column(name = "gray_state")
    public String grayState;
    public String reason;
    /** JSON: what each source said. */
    public String evidence;
    public String signature;
    @Column(name = "found_at")
    public Instant foundAt;
    /** When what it says (reason, evidence, gray state) last changed; a run that finds it unchanged does not write it. */
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "run_id")
    public UUID runId;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    /** {@code auto} when a later run no longer found it, {@code user:<name>} when a person resolved it. */
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "resolution_note")
    public String resolutionNote;

    public boolean open() {
        return resolvedAt == null;
    }

    /** How long it lived: from found to resolved (or to now while open). */
    public Duration lived(Instant now) {
        return Duration.between(foundAt, resolvedAt == null ? now : resolvedAt);
    }
}
