package io.orderhub.state.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An item of the manual-review queue: an outbound call that failed. A write-back the channel refused or that could not
 * reach it is tagged {@link Tag#CROSS_CHANNEL_CONFLICT} (the hub says shipped, the channel does not know or disagrees);
 * a failed warehouse intercept {@link Tag#WAREHOUSE_INTERCEPT} (a parcel of a closed order may leave).
 */
@Entity
@Table(name = "manual_review")
public class ManualReview {
    public enum Tag { CROSS_CHANNEL_CONFLICT, WAREHOUSE_INTERCEPT }

    /** REJECTED: the other side refused (its state disagrees); UNREACHABLE: no answer after retries, or the breaker is open. */
    public enum Kind { REJECTED, UNREACHABLE }

    public enum Status { OPEN, RESOLVED }

    @Id
    public UUID id;
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Enumerated(EnumType.STRING)
    public Tag tag;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "outbound_call_id")
    public UUID outboundCallId;
    public String channel;
    public String shop;
    @Column(name = "channel_order_id")
    public String channelOrderId;
    @Column(columnDefinition = "text")
    public String reason;
    @Column(columnDefinition = "text")
    public String request;
    @Column(columnDefinition = "text")
    public String response;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(columnDefinition = "text")
    public String resolution;
}
