package io.orderhub.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderhub.ingest.domain.InputProblem;
import io.orderhub.ingest.domain.RawStatus;
import io.orderhub.ingest.service.IngestResult;

import java.util.UUID;

/**
 * The 2xx answer to a platform push: {@code {"globalOrderId", "duplicate"}}; {@code stale} when an older update
 * arrived after a newer one; {@code notification} (with the order it names) for a thin change notification, which
 * makes the pull fetch the order; {@code quarantined} with {@code problem: UNMAPPED} and the error when the hub's
 * vocabulary does not know the document yet (the other problems are answered as problem+json).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(String globalOrderId, boolean duplicate, Boolean stale, Boolean notification, String channelOrderId,
        Boolean quarantined, InputProblem problem, UUID rawPayloadId, String error) {

    public static WebhookAnswer of(IngestResult r) {
        boolean quarantined = r.status() == RawStatus.QUARANTINED;
        boolean notification = r.status() == RawStatus.NOTIFICATION;
        return new WebhookAnswer(r.globalOrderId(), r.duplicate(), r.status() == RawStatus.STALE ? Boolean.TRUE : null,
                notification ? Boolean.TRUE : null, notification ? r.channelOrderId() : null,
                quarantined ? Boolean.TRUE : null, quarantined ? r.problem() : null, r.rawPayloadId(),
                quarantined || notification ? r.error() : null);
    }
}
