package io.orderhub.alerting.rest;

import io.orderhub.alerting.domain.Alert;

import java.time.Instant;
import java.util.UUID;

public record AlertView(UUID id, String dedupeKey, String kind, String severity, String tier, String globalOrderId,
        String summary, String status, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy) {
    public static AlertView of(Alert a) {
        return new AlertView(a.id, a.dedupeKey, a.kind, a.severity, a.tier, a.globalOrderId, a.summary, a.status,
                a.raisedAt, a.acknowledgedAt, a.acknowledgedBy);
    }
}
