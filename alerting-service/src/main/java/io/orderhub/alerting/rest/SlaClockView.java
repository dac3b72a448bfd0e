package io.orderhub.alerting.rest;

import io.orderhub.alerting.domain.SlaClock;

import java.time.Instant;

public record SlaClockView(String globalOrderId, String channel, String state, Instant paidAt, Instant deadline,
        Instant stoppedAt) {
    public static SlaClockView of(SlaClock c) {
        return new SlaClockView(c.globalOrderId, c.channel, c.state, c.paidAt, c.deadline, c.stoppedAt);
    }
}
