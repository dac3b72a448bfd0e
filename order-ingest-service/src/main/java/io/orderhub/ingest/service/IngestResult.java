package io.orderhub.ingest.service;

import io.orderhub.ingest.domain.InputProblem;
import io.orderhub.ingest.domain.PayloadSource;
import io.orderhub.ingest.domain.RawPayload;
import io.orderhub.ingest.domain.RawStatus;

import java.util.UUID;

/**
 * What became of one raw payload. {@code handledNow}: this call did the mapping (false when another
 * request or an earlier attempt already had). {@code freshDelivery}: this request stored the payload
 * (false for a re-delivered webhook id). {@code problem}: the class of a quarantined payload's problem.
 */
public record IngestResult(UUID rawPayloadId, RawStatus status, String globalOrderId, String channelOrderId,
        String error, boolean handledNow, boolean freshDelivery, InputProblem problem, PayloadSource source) {

    static IngestResult of(RawPayload raw, boolean handledNow) {
        return new IngestResult(raw.id, raw.status, raw.globalOrderId, raw.channelOrderId, raw.error, handledNow, true,
                raw.status == RawStatus.QUARANTINED && raw.problem == null ? InputProblem.INVALID : raw.problem, raw.source);
    }

    IngestResult asDelivery(boolean fresh) {
        return new IngestResult(rawPayloadId, status, globalOrderId, channelOrderId, error, handledNow, fresh, problem, source);
    }

    /** A re-delivered webhook, or an update equal to the newest already published: nothing new was published. */
    public boolean duplicate() {
        return !freshDelivery || status == RawStatus.DUPLICATE;
    }
}
