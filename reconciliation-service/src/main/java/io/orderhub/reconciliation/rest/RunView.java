package io.orderhub.reconciliation.rest;

import io.orderhub.reconciliation.domain.ReconRun;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A run: what it pulled (rows new or changed per source), what it checked and found, and how it went.
 * {@code credibility} = consistent ÷ (checked − settling) of the orders this run checked.
 */
public record RunView(UUID id, String trigger, String status, Instant startedAt, Instant finishedAt, Long durationMs,
        int platformRows, int erpRows, int carrierRows, int checked, int consistent, int deviating, int settling,
        BigDecimal credibility, int found, int resolved, int pages, int maxPageRows, String unavailable, String error) {

    public static RunView of(ReconRun r) {
        int decided = r.checked - r.settling;
        return new RunView(r.id, r.trigger, r.status, r.startedAt, r.finishedAt,
                r.finishedAt == null ? null : Duration.between(r.startedAt, r.finishedAt).toMillis(), r.platformRows, r.erpRows,
                r.carrierRows, r.checked, r.consistent, r.deviating, r.settling,
                decided <= 0 ? null : BigDecimal.valueOf(r.consistent).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP),
                r.found, r.resolved, r.pages, r.maxPageRows, r.unavailable, r.error);
    }

    /** A run requested but not started yet (or started and not yet recorded). */
    public static RunView queued(UUID id, String trigger, String status, Instant requestedAt) {
        return new RunView(id, trigger, status, requestedAt, null, null, 0, 0, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null, null);
    }
}
