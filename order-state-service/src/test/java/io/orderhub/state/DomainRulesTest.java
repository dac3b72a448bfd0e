package io.orderhub.state;

import io.orderhub.contract.OrderState;
import io.orderhub.state.domain.BrushingRule;
import io.orderhub.state.domain.Condition;
import io.orderhub.state.domain.HealthScore;
import io.orderhub.state.domain.Interception;
import io.orderhub.state.domain.OrderFacts;
import io.orderhub.state.domain.PriceCheck;
import io.orderhub.state.domain.ServiceOptions;
import io.orderhub.state.domain.ServiceOptions.Intent;
import io.orderhub.state.domain.ServiceOptions.Option;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainRulesTest {
    private static final String ID = "OH2026TEST0002";

    @Test
    void healthScoreAddsTheDesignsWeightsAndBands() {
        assertEquals(100, HealthScore.of(true, true, true, true, true).value());
        assertEquals(0, HealthScore.of(false, false, false, false, false).value());
        assertEquals(20, HealthScore.of(true, false, false, false, false).value());
        assertEquals(30, HealthScore.of(false, true, false, false, false).value());
        assertEquals(25, HealthScore.of(false, false, true, false, false).value());
        assertEquals(15, HealthScore.of(false, false, false, true, false).value());
        assertEquals(10, HealthScore.of(false, false, false, false, true).value());
        assertEquals(HealthScore.Band.GREEN, new HealthScore(70).band());
        assertEquals(HealthScore.Band.YELLOW, new HealthScore(69).band());
        assertEquals(HealthScore.Band.YELLOW, new HealthScore(60).band());
        assertEquals(HealthScore.Band.ORANGE, new HealthScore(59).band());
        assertEquals(HealthScore.Band.ORANGE, new HealthScore(50).band());
        assertEquals(HealthScore.Band.RED, new HealthScore(49).band());
        // paid, complete address, price ok, nothing else yet: 65 → yellow, not held
        HealthScore paid = HealthScore.of(true, true, false, true, false);
        assertEquals(65, paid.value());
        assertFalse(paid.red());
        // paid without a usable address and with a price anomaly: 30 → red
        assertTrue(HealthScore.of(false, true, false, false, false).red());
    }

    @Test
    void priceCheckCatchesNonPositivePricesAndTotalsFarFromTheLines() {
        BigDecimal min = new BigDecimal("0.5");
        BigDecimal max = new BigDecimal("2");
        List<PriceCheck.Line> lines = List.of(new PriceCheck.Line(new BigDecimal("45.00"), 2));
        assertTrue(PriceCheck.passes(new BigDecimal("90.72"), lines, min, max));
        assertTrue(PriceCheck.passes(new BigDecimal("45.00"), lines, min, max));
        assertFalse(PriceCheck.passes(new BigDecimal("44.99"), lines, min, max), "below half the lines' value");
        assertFalse(PriceCheck.passes(new BigDecimal("180.01"), lines, min, max));
        assertFalse(PriceCheck.passes(new BigDecimal("1.00"), List.of(new PriceCheck.Line(BigDecimal.ZERO, 1)), min, max));
        assertFalse(PriceCheck.passes(new BigDecimal("1.00"), List.of(), min, max));
        assertFalse(PriceCheck.passes(null, lines, min, max));
    }

    @Test
    void brushingNeedsMoreThanFiveOrdersAndMoreThanThreeProvinces() {
        BrushingRule rule = new BrushingRule(5, 3);
        assertFalse(rule.suspicious(5, 5));
        assertFalse(rule.suspicious(6, 3));
        assertTrue(rule.suspicious(6, 4));
    }

    @Test
    void interceptOnlyForAPrintedOrShippedParcelAndOnlyOnce() {
        assertTrue(Interception.refusal(OrderFacts.of(ID, OrderState.STOCK_LOCKED), true).orElseThrow().contains("cancel it instead"));
        assertTrue(Interception.refusal(OrderFacts.of(ID, OrderState.LABEL_PRINTED), false).isEmpty());
        OrderFacts shipped = OrderFacts.of(ID, OrderState.SHIPPED).withLabel("POSTNL", "3S123");
        assertTrue(Interception.refusal(shipped, true).isEmpty());
        assertTrue(Interception.refusal(shipped, false).orElseThrow().contains("does not support intercepts"));
        assertTrue(Interception.refusal(shipped.withConditions(Condition.INTERCEPTED), true).orElseThrow().contains("already INTERCEPTED"));
        assertTrue(Interception.refusal(OrderFacts.of(ID, OrderState.DELIVERED), true).isPresent());
    }

    @Test
    void changeAddressFollowsTheDecisionTree() {
        assertEquals(List.of("edit-and-sync"), allowed(OrderFacts.of(ID, OrderState.STOCK_LOCKED), Intent.CHANGE_ADDRESS));
        assertEquals(List.of("change-carrier"), allowed(OrderFacts.of(ID, OrderState.LABEL_PRINTED).withLabel("SF", "1"), Intent.CHANGE_ADDRESS));
        assertEquals(List.of("intercept"), allowed(OrderFacts.of(ID, OrderState.SHIPPED).withLabel("SF", "1"), Intent.CHANGE_ADDRESS));
        assertEquals(List.of(), allowed(OrderFacts.of(ID, OrderState.DELIVERED), Intent.CHANGE_ADDRESS));
    }

    @Test
    void cancelIsAllowedUntilShippedThenInterceptThenReturn() {
        assertEquals(List.of("cancel"), allowed(OrderFacts.of(ID, OrderState.PAID), Intent.CANCEL));
        assertEquals(List.of("cancel"), allowed(OrderFacts.of(ID, OrderState.LABEL_PRINTED), Intent.CANCEL));
        assertEquals(List.of("intercept"), allowed(OrderFacts.of(ID, OrderState.SHIPPED), Intent.CANCEL));
        assertEquals(List.of("return"), allowed(OrderFacts.of(ID, OrderState.DELIVERED), Intent.CANCEL));
        assertEquals(List.of(), allowed(OrderFacts.of(ID, OrderState.CLOSED), Intent.CANCEL));
        Option why = ServiceOptions.answer(OrderFacts.of(ID, OrderState.CLOSED), Intent.CANCEL, true).get(0);
        assertEquals("the order is already closed", why.why());
    }

    @Test
    void intentsParseTheirWireNames() {
        assertEquals(Intent.CHANGE_ADDRESS, Intent.parse("change-address").orElseThrow());
        assertTrue(Intent.parse("teleport").isEmpty());
    }

    private static List<String> allowed(OrderFacts facts, Intent intent) {
        return ServiceOptions.answer(facts, intent, true).stream().filter(Option::allowed).map(Option::action).toList();
    }
}
