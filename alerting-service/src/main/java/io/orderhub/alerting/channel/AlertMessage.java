package io.orderhub.alerting.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.orderhub.alerting.domain.Alert;
import io.orderhub.alerting.domain.AlertStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a channel is told about one alert: a snapshot taken when the notification was decided (stored with the
 * delivery, so a retry tomorrow sends what was true then).
 *
 * @param status   {@code FIRING} or {@code RESOLVED}
 * @param severity {@code info}, {@code warning} or {@code critical}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertMessage(UUID alertId, String dedupeKey, String kind, String severity, String tier, String team,
        String status, String globalOrderId, String summary, Map<String, String> labels, Instant raisedAt,
        Instant resolvedAt) {

    public static AlertMessage of(Alert a, Map<String, String> labels, AlertStatus status) {
        return new AlertMessage(a.id, a.dedupeKey, a.kind, a.severity.lower(), a.tier, a.team,
                status == AlertStatus.RESOLVED ? "RESOLVED" : "FIRING", a.globalOrderId, a.summary, labels, a.raisedAt,
                status == AlertStatus.RESOLVED ? a.resolvedAt : null);
    }

    public boolean resolved() {
        return "RESOLVED".equals(status);
    }
}
