package io.orderhub.state.rest;

import io.orderhub.state.domain.ManualReview;

import java.time.Instant;
import java.util.UUID;

/** An item of the manual-review queue: what failed, why, what was sent and answered, and how it was resolved. */
public record ManualReviewView(UUID id, String globalOrderId, ManualReview.Tag tag, ManualReview.Kind kind, String channel,
        String shop, String channelOrderId, String reason, String request, String response, ManualReview.Status status,
        Instant createdAt, Instant resolvedAt, String resolvedBy, String resolution, UUID outboundCallId) {

    public static ManualReviewView of(ManualReview m) {
        return new ManualReviewView(m.id, m.globalOrderId, m.tag, m.kind, m.channel, m.shop, m.channelOrderId, m.reason, m.request,
                m.response, m.status, m.createdAt, m.resolvedAt, m.resolvedBy, m.resolution, m.outboundCallId);
    }
}
