package io.orderhub.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * The label-backlog circuit breaker opened (WMS intake paused) or closed (resumed)
 * ({@code AlertEventTypes.BREAKER_*} on {@code orderhub.alerts.v1}).
 *
 * @param state              {@code OPEN} or {@code CLOSED}
 * @param backlog            orders waiting for a label when it changed
 * @param averageDwellSeconds their average time since payment, in seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BreakerChanged(String state, String reason, long backlog, long averageDwellSeconds, Instant occurredAt) {
}
