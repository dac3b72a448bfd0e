package io.orderhub.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * Promo mode started or ended ({@code AlertEventTypes.PROMO_MODE_*} on {@code orderhub.alerts.v1}).
 *
 * @param active          true while promo mode lasts
 * @param threshold       new orders per window above which a window counts as promo load
 * @param window          the counting window, ISO-8601 (e.g. {@code PT1M})
 * @param recentCounts    new orders in the most recent complete windows, oldest first
 * @param since           when promo mode started (for an end: when the one now ending started)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromoModeChanged(boolean active, long threshold, String window, List<Long> recentCounts,
        Instant since, Instant occurredAt) {
}
