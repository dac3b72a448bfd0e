package io.orderhub.reconciliation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.reconciliation.domain.Discrepancy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A discrepancy as the API shows it: the rule, the reason in plain language, what each source said, and how long it
 * lived ({@code lived}, ISO-8601; until now while it is open).
 */
public record DiscrepancyView(UUID id, String orderKey, String globalOrderId, String channel, String shop, String channelOrderId,
        String rule, String grayState, String reason, JsonNode evidence, boolean open, Instant foundAt, Instant lastSeenAt,
        Instant resolvedAt, String resolvedBy, String resolutionNote, Duration lived, long livedSeconds) {

    public static DiscrepancyView of(Discrepancy d, ObjectMapper mapper, Instant now) {
        JsonNode evidence;
        try {
            evidence = d.evidence == null ? null : mapper.readTree(d.evidence);
        } catch (IOException e) {
            evidence = mapper.getNodeFactory().textNode(d.evidence);
        }
        Duration lived = d.lived(now);
        return new DiscrepancyView(d.id, d.orderKey, d.globalOrderId, d.channel, d.shop, d.channelOrderId, d.rule, d.grayState,
                d.reason, evidence, d.open(), d.foundAt, d.lastSeenAt, d.resolvedAt, d.resolvedBy, d.resolutionNote, lived,
                lived.getSeconds());
    }
}
