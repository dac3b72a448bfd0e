package io.orderhub.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** Events on {@code orderhub.alerts.v1}. Key: the dedupe key (global order id where there is one). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertChanged(String alertId, String dedupeKey, String kind, String severity, String tier,
        String globalOrderId, String summary, Instant occurredAt) {
}
