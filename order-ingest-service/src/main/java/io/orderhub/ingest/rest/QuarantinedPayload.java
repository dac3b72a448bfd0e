package io.orderhub.ingest.rest;

import io.orderhub.ingest.domain.RawPayload;

import java.time.Instant;
import java.util.UUID;

/** A quarantined delivery with the class of its problem and the error that stopped it ({@code GET /quarantine/{id}}: with its body). */
public record QuarantinedPayload(UUID id, String channel, String shop, String deliveryId, String topic,
        Instant receivedAt, int attempts, io.orderhub.ingest.domain.InputProblem problem, String error) {

    public static QuarantinedPayload of(RawPayload raw) {
        return new QuarantinedPayload(raw.id, raw.channel, raw.shop, raw.deliveryId, raw.topic, raw.receivedAt,
                raw.attempts, raw.problem, raw.error);
    }
}
