package io.orderhub.alerting.rest;

import io.orderhub.alerting.domain.SlaClock;

import java.time.Instant;

/** @param firedTier 0 none, 1–3 the highest tier fired */
public record SlaClockView(String globalOrderId, String channel, String state, String warehouse, Instant paidAt,
        Instant deadline, Long windowSeconds, String rule, String exemptReason, String exemptNote, int firedTier,
        boolean escalationStopped, Instant stoppedAt) {
    public static SlaClockView of(SlaClock c) {
        return new SlaClockView(c.globalOrderId, c.channel, c.state, c.warehouse, c.paidAt, c.deadline, c.windowSeconds,
                c.ruleName, c.exemptReason, c.exemptNote, c.firedTier, c.escalationStopped, c.stoppedAt);
    }
}
