package io.orderhub.returns;

import io.orderhub.returns.domain.Classification;
import io.orderhub.returns.domain.Intent;
import io.orderhub.returns.domain.IntentClassifier;
import io.orderhub.returns.domain.ReturnFlag;
import io.orderhub.returns.domain.RiskCheck;
import io.orderhub.returns.domain.SkuVariants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The domain rules without Quarkus: the design's examples, SKU variants, the risk check. */
class ClassifierAndRulesTest {
    private final IntentClassifier classifier = new IntentClassifier();
    private final RiskCheck risk = new RiskCheck(new RiskCheck.Policy(Duration.ofDays(7), RiskCheck.Action.REJECT,
            RiskCheck.Action.MANUAL_REVIEW, RiskCheck.Action.REJECT));
    private final Instant now = Instant.parse("2026-05-20T08:00:00Z");

    @Test
    void theDesignsNegationExampleIsAFullRefundWithoutExchange() {
        Classification c = classifier.classify("尺码拍错了,不要换货,直接退全款");
        assertEquals(Intent.REFUND_ONLY, c.intent());
        assertFalse(c.needsReview());
        assertTrue(c.flags().containsAll(Set.of(ReturnFlag.FULL_REFUND, ReturnFlag.EXCHANGE_DECLINED, ReturnFlag.NO_RETURN_SHIPMENT)), c.flags().toString());
    }

    @Test
    void declinedRefundWithABiggerSizeIsAnExchange() {
        Classification c = classifier.classify("不想退款,换个大一码");
        assertEquals(Intent.EXCHANGE, c.intent());
        assertEquals("+1", c.desiredSize());
        assertTrue(c.has(ReturnFlag.REFUND_DECLINED) && c.has(ReturnFlag.DESIRED_SIZE));
        assertFalse(c.has(ReturnFlag.EXCHANGE_DECLINED));
    }

    @Test
    void negationFlipsTheSameWords() {
        assertEquals(Intent.EXCHANGE, classifier.classify("I want an exchange, not a refund").intent());
        assertEquals(Intent.REFUND_ONLY, classifier.classify("I don't want an exchange, I want a refund").intent());
        assertEquals(Intent.RETURN_AND_REFUND, classifier.classify("不要换货了，我要退货").intent());
        assertEquals(Intent.EXCHANGE, classifier.classify("我不要退货退款,只想换个尺码").intent());
    }

    @Test
    void eitherWayOrNoRequestAtAllGoesToAPersonNeverASilentGuess() {
        for (String text : new String[]{"换货或者退款都行", "refund or exchange, whatever is faster", "质量太差了!!!", "hello?", ""}) {
            Classification c = classifier.classify(text);
            assertTrue(c.needsReview(), text + " → " + c);
            assertTrue(c.confidence() < IntentClassifier.DEFAULT_MIN_CONFIDENCE, text);
        }
    }

    @Test
    void typosPinyinAndTraditionalCharactersAreRead() {
        assertEquals(Intent.EXCHANGE, classifier.classify("exhcange for a larger size pls").intent());
        assertEquals(Intent.RETURN_AND_REFUND, classifier.classify("retrun and refnud please").intent());
        assertEquals(Intent.REFUND_ONLY, classifier.classify("tuikuan 还没发货").intent());
        assertEquals(Intent.EXCHANGE, classifier.classify("換個大一碼").intent());
    }

    @Test
    void theNewSkuIsToldFromTheOriginalAndTheWish() {
        assertEquals("SHOE-RUN-BLK-39", SkuVariants.exchangeSku("SHOE-RUN-BLK-38", "+1", null, false));
        assertEquals("TEE-WHITE-L", SkuVariants.exchangeSku("TEE-WHITE-M", "+1", null, false));
        assertEquals("TEE-WHT-XL", SkuVariants.exchangeSku("TEE-BLK-XL", null, "white", false));
        assertEquals("TEE-NAVY-S", SkuVariants.exchangeSku("TEE-BLACK-M", "S", "navy", false));
        assertEquals("MUG-01", SkuVariants.exchangeSku("MUG-01", null, null, true), "a faulty item is exchanged for the same SKU");
        assertNull(SkuVariants.exchangeSku("MUG-01", null, null, false), "a wish without a variant needs a person");
        assertNull(SkuVariants.exchangeSku("TEE-BLK-XXXL", "+1", null, false), "no size above XXXL");
    }

    private RiskCheck.Request request(Intent intent, Set<ReturnFlag> flags, String state, Instant shippedAt, boolean blacklisted) {
        boolean shipped = shippedAt != null;
        return new RiskCheck.Request(intent, false, flags, state, shipped, shippedAt, shipped ? shippedAt : null, blacklisted,
                1, "SKU-1", intent == Intent.EXCHANGE ? "SKU-2" : null);
    }

    @Test
    void riskCheckApprovesRejectsOrAsksAPerson() {
        Instant yesterday = now.minus(Duration.ofDays(1));
        assertEquals(RiskCheck.Decision.APPROVE,
                risk.check(request(Intent.RETURN_AND_REFUND, Set.of(), "DELIVERED", yesterday, false), now).decision());
        RiskCheck.Outcome late = risk.check(request(Intent.RETURN_AND_REFUND, Set.of(), "DELIVERED", now.minus(Duration.ofDays(9)), false), now);
        assertEquals(RiskCheck.Decision.REJECT, late.decision());
        assertTrue(late.reasons().get(0).contains("return window"), late.reasons().toString());
        assertEquals(RiskCheck.Decision.REJECT,
                risk.check(request(Intent.EXCHANGE, Set.of(), "DELIVERED", yesterday, true), now).decision());
        assertEquals(RiskCheck.Decision.MANUAL_REVIEW,
                risk.check(request(Intent.RETURN_AND_REFUND, EnumSet.of(ReturnFlag.OPENED), "DELIVERED", yesterday, false), now).decision());
        assertEquals(RiskCheck.Decision.APPROVE, risk.check(request(Intent.RETURN_AND_REFUND,
                EnumSet.of(ReturnFlag.OPENED, ReturnFlag.DEFECTIVE), "DELIVERED", yesterday, false), now).decision(),
                "a defect is only found by opening it");
    }

    @Test
    void refundOnlyAfterShipmentBecomesAReturnAndAReturnBeforeShipmentAnInterception() {
        RiskCheck.Outcome shipped = risk.check(request(Intent.REFUND_ONLY, Set.of(), "SHIPPED", now.minusSeconds(3600), false), now);
        assertEquals(RiskCheck.Decision.APPROVE, shipped.decision());
        assertEquals(Intent.RETURN_AND_REFUND, shipped.intent());
        RiskCheck.Outcome unshipped = risk.check(request(Intent.RETURN_AND_REFUND, Set.of(), "STOCK_LOCKED", null, false), now);
        assertEquals(Intent.REFUND_ONLY, unshipped.intent());
        assertEquals(RiskCheck.Decision.MANUAL_REVIEW, risk.check(request(Intent.REFUND_ONLY,
                EnumSet.of(ReturnFlag.NOT_RECEIVED), "SHIPPED", now.minusSeconds(3600), false), now).decision());
    }
}
