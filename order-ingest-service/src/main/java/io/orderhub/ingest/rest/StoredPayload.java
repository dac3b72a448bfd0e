package io.orderhub.ingest.rest;

import io.orderhub.ingest.domain.InputProblem;
import io.orderhub.ingest.domain.PayloadSource;
import io.orderhub.ingest.domain.RawPayload;
import io.orderhub.ingest.domain.RawStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored payload with its raw body and headers exactly as received, and what became of it. {@code bodyBase64}: the
 * exact bytes of a body that is not UTF-8 text (or holds NUL bytes); {@code body} then shows it with U+FFFD.
 */
public record StoredPayload(UUID id, String channel, String shop, String deliveryId, String topic, PayloadSource source,
        Instant receivedAt, RawStatus status, InputProblem problem, String error, int attempts, String channelOrderId,
        String globalOrderId, String headers, String body, String bodyBase64) {

    public static StoredPayload of(RawPayload raw) {
        return new StoredPayload(raw.id, raw.channel, raw.shop, raw.deliveryId, raw.topic, raw.source, raw.receivedAt, raw.status,
                raw.problem, raw.error, raw.attempts, raw.channelOrderId, raw.globalOrderId, raw.headers, raw.body,
                raw.bodyBytes == null ? null : java.util.Base64.getEncoder().encodeToString(raw.bodyBytes));
    }
}
