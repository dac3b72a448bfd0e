package io.orderhub.ingest.rest;

import io.orderhub.ingest.domain.InputProblem;
import io.orderhub.ingest.domain.PayloadSource;
import io.orderhub.ingest.domain.RawPayload;
import io.orderhub.ingest.domain.RawStatus;

import java.time.Instant;
import java.util.UUID;

/** One stored payload with its raw body and headers exactly as received, and what became of it. */
public record StoredPayload(UUID id, String channel, String shop, String deliveryId, String topic, PayloadSource source,
        Instant receivedAt, RawStatus status, InputProblem problem, String error, int attempts, String channelOrderId,
        String globalOrderId, String headers, String body) {

    public static StoredPayload of(RawPayload raw) {
        return new StoredPayload(raw.id, raw.channel, raw.shop, raw.deliveryId, raw.topic, raw.source, raw.receivedAt, raw.status,
                raw.problem, raw.error, raw.attempts, raw.channelOrderId, raw.globalOrderId, raw.headers, raw.body);
    }
}
