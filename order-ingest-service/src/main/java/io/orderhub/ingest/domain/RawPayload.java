package io.orderhub.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A platform delivery exactly as received, stored before anything else happens to it. */
@Entity
@Table(name = "raw_payload")
public class RawPayload {
    @Id
    public UUID id;
    public String channel;
    public String shop;
    @Column(name = "delivery_id")
    public String deliveryId;
    public String topic;
    /** The request headers as a JSON object (lower-case names). */
    public String headers;
    /** The body, UTF-8 (NUL and invalid sequences as U+FFFD when {@link #bodyBytes} is set). */
    public String body;
    /** The exact bytes, kept only when {@link #body} could not hold them (not UTF-8, or NUL bytes). */
    @Column(name = "body_bytes")
    public byte[] bodyBytes;
    @Column(name = "received_at")
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
    public PayloadSource source = PayloadSource.WEBHOOK;
    /** When quarantined: the class of problem (it decided the answer to the sender). */
    @Enumerated(EnumType.STRING)
    public InputProblem problem;
}
