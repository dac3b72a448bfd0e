package io.orderhub.ingest.rest;

import io.orderhub.ingest.domain.RawStatus;
import io.orderhub.ingest.service.IngestResult;

import java.util.UUID;

/** The outcome of a replay: PROCESSED (published), DUPLICATE or STALE (a newer update was already published). */
public record ReplayAnswer(UUID rawPayloadId, RawStatus status, String globalOrderId, String channelOrderId, String note) {
    public static ReplayAnswer of(IngestResult r) {
        return new ReplayAnswer(r.rawPayloadId(), r.status(), r.globalOrderId(), r.channelOrderId(), r.error());
    }
}
