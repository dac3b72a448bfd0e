package io.orderhub.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/** Douyin's push contract ({@code code} 0 = received, no redelivery) with the hub's answer beside it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DouyinAnswer(int code, String msg, String globalOrderId, boolean duplicate, Boolean stale,
        Boolean quarantined, UUID rawPayloadId, String error) {

    static DouyinAnswer of(WebhookAnswer a) {
        return new DouyinAnswer(0, "success", a.globalOrderId(), a.duplicate(), a.stale(), a.quarantined(), a.rawPayloadId(),
                a.error());
    }
}
