package io.orderhub.reconciliation.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Consistency figures. {@code credibility} = orders consistent across platform, ERP, carrier and hub ÷ orders
 * decided (checked, minus those only waiting for a source to catch up). {@code sample}: the same on a random sample
 * of one day's decided orders, the way the founders measured it by hand (100 orders a day): the orders are ranked by
 * {@code md5(orderKey + ":" + seed)} and the first {@code requested} drawn, so the same day and seed always draw the
 * same orders (the seed defaults to the day); {@code orders} lists them, to check by hand. {@code hourly}: the deviation rate per channel and hour of payment.
 */
public record Credibility(Instant from, Instant to, String channel, Figures overall, List<Figures> byChannel, Sample sample,
        List<Hour> hourly) {

    public record Figures(String channel, long checked, long decided, long consistent, long deviating, long settling,
            BigDecimal credibility) {
    }

    public record Sample(LocalDate day, String seed, int requested, int size, int consistent, BigDecimal credibility,
            List<SampledOrder> orders) {
    }

    /** One order drawn into the sample and what the reconciliation decided about it (CONSISTENT or DEVIATING). */
    public record SampledOrder(String orderKey, String channel, String channelOrderId, String outcome) {
    }

    public record Hour(String channel, Instant hourStart, int orders, int decided, int deviating, BigDecimal rate,
            boolean aboveThreshold, Instant alertedAt) {
    }
}
