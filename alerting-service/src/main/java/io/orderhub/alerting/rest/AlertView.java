package io.orderhub.alerting.rest;

import io.orderhub.alerting.domain.Alert;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record AlertView(UUID id, String dedupeKey, String kind, String severity, String tier, String team,
        String globalOrderId, String summary, String status, Instant raisedAt, Instant escalatedAt, Instant acknowledgedAt,
        String acknowledgedBy, Instant resolvedAt, String resolvedBy, int occurrences, UUID silencedBy,
        Map<String, String> labels) {
    public static AlertView of(Alert a, Map<String, String> labels) {
        return new AlertView(a.id, a.dedupeKey, a.kind, a.severity.lower(), a.tier, a.team, a.globalOrderId, a.summary,
                a.status.name(), a.raisedAt, a.escalatedAt, a.acknowledgedAt, a.acknowledgedBy, a.resolvedAt, a.resolvedBy,
                a.occurrences, a.silencedBy, labels);
    }
}
