package io.orderhub.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A platform delivery exactly as received, stored before anything else happens to it. What was received never
 * changes after the insert ({@code updatable = false}): processing updates only the outcome columns, so the body is
 * not sent to PostgreSQL a second time with every update.
 */
@Entity
@Table(name = "raw_payload")
public class RawPayload {
    @Id
    public UUID id;
    @Column(updatable = false)
    public String channel;
    @Column(updatable = false)
    public String shop;
    @Column(name = "delivery_id", updatable = false)
    public String deliveryId;
    @Column(updatable = false)
    public String topic;
    /** The request headers as a JSON object (lower-case names). */
    @Column(updatable = false)
    public String headers;
    /** The body, UTF-8 (NUL and invalid sequences as U+FFFD when {@link #bodyBytes} is set). */
    @Column(updatable = false)
    public String body;
    /** The exact bytes, kept only when {@link #body} could not hold them (not UTF-8, or NUL bytes). */
    @Column(name = "body_bytes", updatable = false)
    public byte[] bodyBytes;
    @Column(name = "received_at", updatable = false)
    public Instant receivedAt;
    @Enumerated(EnumType.STRING)
    public RawStatus status;
    public String error;
    @Column(name = "channel_order_id")
    public String channelOrderId;
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Column(name = "processed_at")
    public Instant processedAt;
    /** How many times mapping was attempted (first try and replays). */
    public int attempts;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public PayloadSource source = PayloadSource.WEBHOOK;
    /** When quarantined: the class of problem (it decided the answer to the sender). */
    @Enumerated(EnumType.STRING)
    public InputProblem problem;
}
