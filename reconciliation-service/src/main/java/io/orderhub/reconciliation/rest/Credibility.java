package io.orderhub.reconciliation.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Consistency figures. {@code credibility} = orders consistent across platform, ERP, carrier and hub ÷ orders
 * decided (checked, minus those only waiting for a source to catch up). {@code sample}: the same on a random sample
 * of one day's orders (the order is a hash of the order key and the seed, so the same day and seed give the same
 * sample). {@code hourly}: the deviation rate per channel and hour of payment.
 */
public record Credibility(Instant from, Instant to, String channel, Figures overall, List<Figures> byChannel, Sample sample,
        List<Hour> hourly) {

    public record Figures(String channel, long checked, long decided, long consistent, long deviating, long settling,
            BigDecimal credibility) {
    }

    public record Sample(LocalDate day, String seed, int requested, int size, int consistent, BigDecimal credibility) {
    }

    public record Hour(String channel, Instant hourStart, int orders, int decided, int deviating, BigDecimal rate,
            boolean aboveThreshold, Instant alertedAt) {
    }
}
