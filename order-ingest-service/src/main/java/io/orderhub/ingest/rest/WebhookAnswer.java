package io.orderhub.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderhub.ingest.domain.RawStatus;
import io.orderhub.ingest.service.IngestResult;

import java.util.UUID;

/**
 * The 202 answer to a platform push: {@code {"globalOrderId", "duplicate"}}; {@code stale} when an older
 * update arrived after a newer one; {@code quarantined} with the error when the body could not be mapped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(String globalOrderId, boolean duplicate, Boolean stale, Boolean quarantined,
        UUID rawPayloadId, String error) {

    public static WebhookAnswer of(IngestResult r) {
        boolean quarantined = r.status() == RawStatus.QUARANTINED;
        return new WebhookAnswer(r.globalOrderId(), r.duplicate(), r.status() == RawStatus.STALE ? Boolean.TRUE : null,
                quarantined ? Boolean.TRUE : null, r.rawPayloadId(), quarantined ? r.error() : null);
    }
}
