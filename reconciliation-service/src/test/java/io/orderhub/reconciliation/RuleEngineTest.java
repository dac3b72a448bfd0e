package io.orderhub.reconciliation;

import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.reconciliation.domain.Coverage;
import io.orderhub.reconciliation.domain.Evaluation;
import io.orderhub.reconciliation.domain.Finding;
import io.orderhub.reconciliation.domain.GrayState;
import io.orderhub.reconciliation.domain.OrderFacts;
import io.orderhub.reconciliation.domain.Rules;
import io.orderhub.reconciliation.domain.RuleEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules as plain Java: each divergence gives its rule and reason, and nothing else. */
class RuleEngineTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Instant PAID = NOW.minus(Duration.ofHours(3));
    static final RuleEngine ENGINE = new RuleEngine(RuleEngine.Settings.DEFAULTS);
    static final Coverage ALL = new Coverage(Map.of("shopify", new Coverage.PlatformCoverage(true, Set.of("demo"),
            NOW.minus(Duration.ofDays(3)), NOW)), true, NOW.minus(Duration.ofDays(3)), NOW, true);

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static Map<String, Money> fees(String shipping, String discount) {
        return Map.of("SHIPPING", usd(shipping), "DISCOUNT", usd(discount));
    }

    static OrderFacts.Platform platform(OrderState state, String status, String tracking) {
        return new OrderFacts.Platform(state, status, Set.of(), PAID, usd("89.00"), fees("5.00", "6.00"), tracking == null ? null : "SF",
                tracking, PAID.plusSeconds(60));
    }

    static OrderFacts.Erp erp(int status, OrderState state, String tracking) {
        return new OrderFacts.Erp("JY1", status, state, PAID, PAID.plusSeconds(60), null, usd("89.00"),
                Map.of("SHIPPING", usd("5.00"), "DISCOUNT", usd("6.00"), "CHANNEL_FEE", usd("0.00")), usd("40.00"), "WH-SH",
                tracking == null ? null : "SF", tracking, PAID.plusSeconds(60));
    }

    static OrderFacts.Hub hub(OrderState state, Set<String> holds, String reason, Instant paidAt, String tracking) {
        return new OrderFacts.Hub(state, holds, reason, paidAt, tracking == null ? null : "SF", tracking,
                state == OrderState.SHIPPED ? PAID.plusSeconds(3600) : null, usd("89.00"), fees("5.00", "6.00"), PAID.plusSeconds(60));
    }

    static OrderFacts facts(OrderFacts.Platform p, OrderFacts.Erp e, OrderFacts.Carrier c, OrderFacts.Hub h) {
        return new OrderFacts("OH2026AAAA0001", "OH2026AAAA0001", "shopify", "demo", "5800000000001", PAID, p, e, c, h);
    }

    static List<String> rules(Evaluation e) {
        return e.findings().stream().map(Finding::rule).sorted().toList();
    }

    static Finding only(Evaluation e, String rule) {
        assertEquals(List.of(rule), rules(e), "exactly one finding expected");
        return e.findings().get(0);
    }

    @Test
    void fourSourcesThatAgreeGiveNothing() {
        OrderFacts.Carrier picked = new OrderFacts.Carrier("SF1", true, PAID.plusSeconds(7200), null, null, "顺丰速运 已收取快件",
                PAID.plusSeconds(7200), NOW);
        Evaluation e = ENGINE.evaluate(facts(platform(OrderState.SHIPPED, "paid/fulfilled", "SF1"), erp(95, OrderState.SHIPPED, "SF1"),
                picked, hub(OrderState.SHIPPED, Set.of(), null, PAID, "SF1")), ALL, NOW);
        assertEquals(List.of(), rules(e));
        assertTrue(e.evaluated().containsAll(Rules.ALL), "every rule decided: " + e.evaluated());
        assertFalse(e.recheck());
    }

    @Test
    void aClosedPlatformOrderStillWaitingToShipElsewhereIsAStatusDisagreement() {
        Finding f = only(ENGINE.evaluate(facts(platform(OrderState.CLOSED, "refunded", null), erp(55, OrderState.PAID, null),
                null, hub(OrderState.STOCK_LOCKED, Set.of(), null, PAID, null)), ALL, NOW), Rules.STATUS_MISMATCH);
        assertTrue(f.reason().contains("the platform says CLOSED"), f.reason());
        assertTrue(f.reason().contains("the ERP says PAID (trade_status 55 audited)"), f.reason());
        assertTrue(f.reason().contains("the hub says STOCK_LOCKED"), f.reason());
        assertTrue(f.reason().contains("stop it before it leaves the warehouse"), f.reason());
        assertEquals(Set.of("platform", "erp", "hub"), f.evidence().keySet());
    }

    @Test
    void hubStepsAndLateDeliveryAreNotDisagreements() {
        // LABEL_PRINTED is the hub's own step of "awaiting shipment"; DELIVERED vs SHIPPED only lags
        assertEquals(List.of(), rules(ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), erp(55, OrderState.PAID, null),
                null, hub(OrderState.STOCK_LOCKED, Set.of(), null, PAID, null)), ALL, NOW)));
        assertEquals(List.of(), rules(ENGINE.evaluate(facts(platform(OrderState.SHIPPED, "paid/fulfilled", null),
                erp(110, OrderState.DELIVERED, null), null, null), ALL, NOW)).stream().filter(r -> !Rules.isMissing(r)).toList());
    }

    @Test
    void paymentAndAuditMoreThanThirtyMinutesApart() {
        OrderFacts.Erp late = new OrderFacts.Erp("JY1", 55, OrderState.PAID, PAID, PAID.plus(Duration.ofMinutes(47)), null,
                usd("89.00"), Map.of(), null, "WH-SH", null, null, PAID);
        Finding f = only(ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), late, null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), ALL, NOW), Rules.PAYMENT_AUDIT_GAP);
        assertTrue(f.reason().contains("47 minutes apart (the limit is 30 minutes)"), f.reason());
        OrderFacts.Erp ok = new OrderFacts.Erp("JY1", 55, OrderState.PAID, PAID, PAID.plus(Duration.ofMinutes(30)), null,
                usd("89.00"), Map.of(), null, "WH-SH", null, null, PAID);
        assertEquals(List.of(), rules(ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), ok, null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), ALL, NOW)), "exactly 30 minutes is within the limit");
    }

    @Test
    void amountsAreComparedExactlyPerCurrency() {
        OrderFacts.Erp erp = new OrderFacts.Erp("JY1", 55, OrderState.PAID, PAID, PAID, null, usd("88.99"),
                fees("5.00", "6.00"), null, null, null, null, PAID);
        Finding f = only(ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), erp, null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), ALL, NOW), Rules.AMOUNT_MISMATCH);
        assertTrue(f.reason().contains("platform 89.00 USD, ERP 88.99 USD, hub 89.00 USD"), f.reason());
        assertTrue(f.reason().contains("a difference of 0.01 USD"), f.reason());

        OrderFacts.Erp cny = new OrderFacts.Erp("JY1", 55, OrderState.PAID, PAID, PAID, null, Money.of("89.00", "CNY"),
                Map.of(), null, null, null, null, PAID);
        Finding currencies = ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), cny, null, null), ALL, NOW)
                .findings().stream().filter(x -> x.rule().equals(Rules.AMOUNT_MISMATCH)).findFirst().orElseThrow();
        assertTrue(currencies.reason().contains("the currencies differ (CNY vs USD)"), currencies.reason());

        OrderFacts.Erp sameScaleless = new OrderFacts.Erp("JY1", 55, OrderState.PAID, PAID, PAID, null, usd("89.0"),
                fees("5", "6.000"), null, null, null, null, PAID);
        assertEquals(List.of(), rules(ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), sameScaleless, null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), ALL, NOW)), "89.0 is 89.00");
    }

    @Test
    void aFeeReportedByTwoSourcesThatDiffersIsAFeeMismatch() {
        OrderFacts.Erp erp = new OrderFacts.Erp("JY1", 55, OrderState.PAID, PAID, PAID, null, usd("89.00"),
                Map.of("SHIPPING", usd("8.00"), "DISCOUNT", usd("6.00"), "CHANNEL_FEE", usd("1.20")), null, null, null, null, PAID);
        Finding f = only(ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), erp, null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), ALL, NOW), Rules.FEE_MISMATCH);
        assertTrue(f.reason().contains("shipping: platform 5.00 USD vs ERP 8.00 USD vs hub 5.00 USD"), f.reason());
        assertFalse(f.reason().contains("channel fee"), "a fee only one source reports is not compared: " + f.reason());
    }

    @Test
    void carrierPickedUpButHubSaysNotShipped() {
        OrderFacts.Carrier signed = new OrderFacts.Carrier("SF9", true, PAID.plusSeconds(3600), PAID.plusSeconds(7200), "张三",
                "已签收,签收人是:张三", PAID.plusSeconds(7200), NOW);
        Finding f = only(ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), erp(55, OrderState.PAID, "SF9"), signed,
                hub(OrderState.LABEL_PRINTED, Set.of(), null, PAID, "SF9")), ALL, NOW), Rules.TRACKING_MISMATCH);
        assertTrue(f.reason().contains("the carrier picked up SF9 at"), f.reason());
        assertTrue(f.reason().contains("signed for by 张三"), f.reason());
        assertTrue(f.reason().contains("the hub says LABEL_PRINTED (not shipped)"), f.reason());
    }

    @Test
    void hubSaysShippedButTheCarrierNeverPickedItUpAfterTheGrace() {
        OrderFacts.Carrier none = new OrderFacts.Carrier("SF7", false, null, null, null, null, null, NOW);
        OrderFacts facts = facts(platform(OrderState.SHIPPED, "paid/fulfilled", "SF7"), erp(95, OrderState.SHIPPED, "SF7"), none,
                hub(OrderState.SHIPPED, Set.of(), null, PAID, "SF7"));
        Finding f = only(ENGINE.evaluate(facts, ALL, PAID.plus(Duration.ofHours(6))), Rules.TRACKING_MISMATCH);
        assertTrue(f.reason().contains("the hub says SHIPPED with SF7"), f.reason());
        assertTrue(f.reason().contains("the carrier has no such waybill"), f.reason());
        // within the 4 h grace after shipping: no finding yet, and checked again next run
        Evaluation early = ENGINE.evaluate(facts, ALL, PAID.plus(Duration.ofHours(2)));
        assertEquals(List.of(), rules(early).stream().filter(r -> !Rules.isMissing(r)).toList());
        assertTrue(early.recheck());
        assertFalse(early.evaluated().contains(Rules.TRACKING_MISMATCH), "undecided, so an open one is not resolved");
    }

    @Test
    void differentTrackingNumbersAreATrackingMismatch() {
        OrderFacts.Carrier picked = new OrderFacts.Carrier("SF1", true, PAID.plusSeconds(7200), null, null, "收件", PAID.plusSeconds(7200), NOW);
        Finding f = only(ENGINE.evaluate(facts(platform(OrderState.SHIPPED, "paid/fulfilled", "SF2"), erp(95, OrderState.SHIPPED, "SF1"),
                picked, hub(OrderState.SHIPPED, Set.of(), null, PAID, "SF1")), ALL, NOW), Rules.TRACKING_MISMATCH);
        assertTrue(f.reason().contains("the tracking numbers differ: hub SF1, platform SF2, ERP SF1"), f.reason());
    }

    @Test
    void missingInTheErpIsClassifiedByItsGrayState() {
        OrderFacts.Platform paid = platform(OrderState.PAID, "paid", null);
        assertEquals(GrayState.PAYMENT_CALLBACK_FAILED, missingErp(facts(paid, null, null,
                hub(OrderState.PENDING_PAYMENT, Set.of(), null, null, null))).grayState());
        assertEquals(GrayState.RISK_INTERCEPTED, missingErp(facts(paid, null, null,
                hub(OrderState.PAID, Set.of("RISK_REVIEW"), "RISK_REVIEW: 6 orders from one phone", PAID, null))).grayState());
        assertEquals(GrayState.PRICE_ANOMALY_HOLD, missingErp(facts(paid, null, null,
                hub(OrderState.PAID, Set.of("HEALTH_RED"), "HEALTH_RED: health score 45 < 50 (price check failed)", PAID, null))).grayState());
        assertEquals(GrayState.UNKNOWN, missingErp(facts(paid, null, null,
                hub(OrderState.PAID, Set.of("HEALTH_RED"), "HEALTH_RED: health score 40 < 50 (address incomplete)", PAID, null))).grayState());
        OrderFacts.Platform justPaid = new OrderFacts.Platform(OrderState.PAID, "paid", Set.of(), NOW.minusSeconds(240), usd("89.00"),
                Map.of(), null, null, NOW.minusSeconds(240));
        Finding lag = missingErp(new OrderFacts("OH2026AAAA0002", "OH2026AAAA0002", "shopify", "demo", "1", NOW, justPaid, null, null,
                new OrderFacts.Hub(OrderState.PAID, Set.of(), null, NOW.minusSeconds(240), null, null, null, null, null, NOW)));
        assertEquals(GrayState.SYNC_LAG, lag.grayState());
        assertTrue(lag.reason().contains("within the 30-minute sync lag"), lag.reason());

        Finding callback = missingErp(facts(paid, null, null, hub(OrderState.PENDING_PAYMENT, Set.of(), null, null, null)));
        assertTrue(callback.reason().contains("the payment callback never reached the hub"), callback.reason());
    }

    @Test
    void anOrderTheHubNeverSawIsMissingInTheHubAndTheErp() {
        Evaluation e = ENGINE.evaluate(new OrderFacts("shopify:demo:1", null, "shopify", "demo", "1", PAID,
                platform(OrderState.PAID, "paid", null), null, null, null), ALL, NOW);
        assertEquals(List.of(Rules.MISSING_IN_ERP, Rules.MISSING_IN_HUB), rules(e));
        assertTrue(e.findings().stream().allMatch(f -> f.grayState() == GrayState.PAYMENT_CALLBACK_FAILED));
    }

    @Test
    void anUnavailableSourceDecidesNothingThatDependsOnIt() {
        Coverage erpDown = new Coverage(ALL.platforms(), false, ALL.erpFrom(), NOW, false);
        Evaluation e = ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), null, null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), erpDown, NOW);
        assertEquals(List.of(), rules(e), "no ERP this run: not 'missing in the ERP'");
        assertFalse(e.evaluated().contains(Rules.MISSING_IN_ERP));
        assertFalse(e.evaluated().contains(Rules.TRACKING_MISMATCH));
    }

    @Test
    void anOrderPaidBeforeTheErpWindowIsNotExpectedThere() {
        Coverage recent = new Coverage(ALL.platforms(), true, NOW.minus(Duration.ofHours(1)), NOW, true);
        Evaluation e = ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), null, null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), recent, NOW);
        assertNull(e.findings().stream().filter(f -> f.rule().equals(Rules.MISSING_IN_ERP)).findFirst().orElse(null));
    }

    @Test
    void anOrderTheHubHeardOfAfterTheErpWasReadIsNotJudgedMissingThereYet() {
        // paid three hours ago, but the hub heard of it (a replayed callback) only after this run read the ERP
        OrderFacts.Hub late = new OrderFacts.Hub(OrderState.PAID, Set.of(), null, PAID, null, null, null, usd("89.00"),
                fees("5.00", "6.00"), NOW.minusSeconds(5), NOW.minusSeconds(5));
        Coverage readBefore = new Coverage(ALL.platforms(), true, ALL.erpFrom(), NOW.minusSeconds(20), true);
        Evaluation e = ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), null, null, late), readBefore, NOW);
        assertEquals(List.of(), rules(e));
        assertFalse(e.evaluated().contains(Rules.MISSING_IN_ERP), "undecided: an open one would stay open");
        assertTrue(e.recheck(), "decided on the next run");
        // read after the hub knew it: missing
        Coverage readAfter = new Coverage(ALL.platforms(), true, ALL.erpFrom(), NOW.minusSeconds(1), true);
        assertEquals(List.of(Rules.MISSING_IN_ERP), rules(ENGINE.evaluate(facts(platform(OrderState.PAID, "paid", null), null, null,
                late), readAfter, NOW)));
    }

    @Test
    void changesStillSettlingAreNotComparedYet() {
        RuleEngine settling = new RuleEngine(new RuleEngine.Settings(Duration.ofMinutes(30), Duration.ofMinutes(30),
                Duration.ofMinutes(5), Duration.ofHours(4)));
        OrderFacts.Platform justClosed = new OrderFacts.Platform(OrderState.CLOSED, "refunded", Set.of(), PAID, usd("89.00"),
                Map.of(), null, null, NOW.minusSeconds(60));
        Evaluation e = settling.evaluate(facts(justClosed, erp(55, OrderState.PAID, null), null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), ALL, NOW);
        assertEquals(List.of(), rules(e));
        assertTrue(e.recheck());
        assertEquals(List.of(Rules.STATUS_MISMATCH), rules(settling.evaluate(facts(justClosed, erp(55, OrderState.PAID, null), null,
                hub(OrderState.PAID, Set.of(), null, PAID, null)), ALL, NOW.plusSeconds(300))));
    }

    private static Finding missingErp(OrderFacts f) {
        return ENGINE.evaluate(f, ALL, NOW).findings().stream().filter(x -> x.rule().equals(Rules.MISSING_IN_ERP)).findFirst()
                .orElseThrow(() -> new AssertionError("no MISSING_IN_ERP for " + f));
    }
}
