package io.orderhub.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderhub.ingest.domain.InputProblem;

import java.util.UUID;

/** Douyin's push contract ({@code code} 0 = received, no redelivery) with the hub's answer beside it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DouyinAnswer(int code, String msg, String globalOrderId, boolean duplicate, Boolean stale, Boolean notification,
        String channelOrderId, Boolean quarantined, InputProblem problem, UUID rawPayloadId, String error) {

    static DouyinAnswer of(WebhookAnswer a) {
        return new DouyinAnswer(0, "success", a.globalOrderId(), a.duplicate(), a.stale(), a.notification(), a.channelOrderId(),
                a.quarantined(), a.problem(), a.rawPayloadId(), a.error());
    }
}
