package io.orderhub.alerting;

import io.orderhub.alerting.channel.AlertFormats;
import io.orderhub.alerting.channel.AlertMessage;
import io.orderhub.alerting.channel.ChannelSender;
import io.orderhub.alerting.domain.ShipByPolicy;
import io.orderhub.alerting.domain.SlaClock;
import io.orderhub.alerting.domain.SlaRule;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.service.SlaPolicyService;
import io.orderhub.devstack.sim.alerts.AlertReceivers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain unit tests: tier timing, rule choice, wire formats, signatures. */
class AlertRulesTest {
    private static final Duration L1 = Duration.ofMinutes(30);
    private static final Duration L3 = Duration.ofHours(2);

    @Test
    void tiersAreDueThirtyMinutesBeforeAtAndTwoHoursAfterTheDeadline() {
        Instant deadline = Instant.parse("2026-11-11T10:00:00Z");
        assertEquals(0, SlaClock.dueTier(deadline, Instant.parse("2026-11-11T09:29:59Z"), L1, L3));
        assertEquals(1, SlaClock.dueTier(deadline, Instant.parse("2026-11-11T09:30:00Z"), L1, L3));
        assertEquals(1, SlaClock.dueTier(deadline, Instant.parse("2026-11-11T09:59:59Z"), L1, L3));
        assertEquals(2, SlaClock.dueTier(deadline, Instant.parse("2026-11-11T10:00:00Z"), L1, L3));
        assertEquals(2, SlaClock.dueTier(deadline, Instant.parse("2026-11-11T11:59:59Z"), L1, L3));
        assertEquals(3, SlaClock.dueTier(deadline, Instant.parse("2026-11-11T12:00:00Z"), L1, L3));
    }

    @Test
    void theFirstMatchingRuleChoosesTheWindow() {
        List<SlaRule> rules = List.of(
                SlaPolicyService.rule("made-to-order", 10, "made-to-order", null, null, null, 1, true),
                SlaPolicyService.rule("short-staffed", 20, null, "WH-SH", null, 2, Duration.ofHours(4).toSeconds(), false),
                SlaPolicyService.rule("fresh", 30, "fresh", null, 3, null, Duration.ofHours(1).toSeconds(), false));
        ShipByPolicy policy = new ShipByPolicy(rules, Map.of("WH-SH", 2, "WH-BJ", 6),
                Map.of("MTO-", "made-to-order", "FR-", "fresh"), Duration.ofHours(2));

        assertEquals(new ShipByPolicy.Decision(Duration.ofHours(2), "default", false), policy.decide(List.of("MUG-1"), "WH-BJ"));
        assertEquals("short-staffed", policy.decide(List.of("MUG-1"), "WH-SH").ruleName());
        assertEquals(Duration.ofHours(4), policy.decide(List.of("FR-MILK"), "WH-SH").window(), "rules are tried by position");
        assertEquals(Duration.ofHours(1), policy.decide(List.of("FR-MILK"), "WH-BJ").window());
        assertEquals("default", policy.decide(List.of("FR-MILK"), "WH-NEW").ruleName(), "unknown packers never satisfy minPackers");
        assertTrue(policy.decide(List.of("FR-MILK", "MTO-SOFA"), "WH-BJ").exempt());
        assertFalse(policy.decide(List.of(), null).exempt());
    }

    private static AlertMessage message(String severity, String tier, String team, String summary, boolean resolved) {
        Instant t = Instant.parse("2026-11-11T09:30:00.250Z");
        return new AlertMessage(UUID.fromString("00000000-0000-0000-0000-000000000001"), "sla:OH2026AAAA0001", "SLA_SHIP_BY",
                severity, tier, team, resolved ? "RESOLVED" : "FIRING", "OH2026AAAA0001", summary, Map.of("channel", "taobao"), t,
                resolved ? t.plusSeconds(60) : null);
    }

    @Test
    void everyChannelShowsTheSameLinePerAlert() {
        AlertMessage l1 = message("warning", "L1", "warehouse", "Order OH2026AAAA0001 must ship by 10:00", false);
        AlertMessage other = message("critical", null, "warehouse", "Dock 3 blocked", false);
        assertEquals(Map.of("text", "[WARNING] L1 Order OH2026AAAA0001 must ship by 10:00\n[CRITICAL] Dock 3 blocked"),
                AlertFormats.slack(List.of(l1, other)));
        assertEquals("[CRITICAL] Order Hub: Order OH2026AAAA0001 must ship by 10:00 (+1 more)",
                AlertFormats.emailSubject(List.of(l1, other)));
        Map<String, Object> ding = AlertFormats.dingTalk(List.of(l1), List.of("13800000000"));
        assertEquals(Map.of("title", "[WARNING] Order Hub",
                "text", "#### Order Hub · warehouse\n\n- [WARNING] L1 Order OH2026AAAA0001 must ship by 10:00\n\n@13800000000"), ding.get("markdown"));
        assertEquals("[RESOLVED] L1 Order OH2026AAAA0001 must ship by 10:00",
                AlertFormats.line(message("warning", "L1", "warehouse", "Order OH2026AAAA0001 must ship by 10:00", true)));

        List<Map<String, Object>> am = AlertFormats.alertmanager(List.of(message("warning", "L1", "warehouse", "x", true)), "http://hub");
        assertEquals("2026-11-11T09:31:00.250Z", am.get(0).get("endsAt"), "a resolved alert ends in Alertmanager");
        assertEquals("http://hub/alerts/00000000-0000-0000-0000-000000000001", am.get(0).get("generatorURL"));
        assertEquals("L1", ((Map<?, ?>) am.get(0).get("labels")).get("tier"));
    }

    @Test
    void weComMarkdownStaysWithinItsByteLimit() {
        String longSummary = "长".repeat(3000);
        Map<String, Object> body = AlertFormats.weCom(List.of(message("critical", null, "ops", longSummary, false)));
        String content = (String) ((Map<?, ?>) body.get("markdown")).get("content");
        assertTrue(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 4096);
        assertTrue(content.endsWith("…"));
    }

    @Test
    void signaturesMatchWhatTheReceiversCheck() {
        // the DingTalk document's scheme, computed independently by the receiver simulator
        assertEquals(AlertReceivers.dingTalkSign(1700000000000L, "SECabc"), ChannelSender.dingTalkSign(1700000000000L, "SECabc"));
        assertEquals(AlertReceivers.webhookSignature("1700000000", "{\"a\":1}", "s"),
                ChannelSender.webhookSignature("1700000000", "{\"a\":1}", "s"));
        assertEquals("1h 30m", Times.human(Duration.ofMinutes(90)));
        assertEquals("3s", Times.human(Duration.ofSeconds(3)));
    }
}
