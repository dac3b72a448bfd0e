package io.orderhub.reconciliation;

import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.devstack.sim.erp.SalesOrder;
import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.orderhub.devstack.sim.marketplace.SimOrder;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static io.orderhub.reconciliation.Fixtures.awaitHub;
import static io.orderhub.reconciliation.Fixtures.globalId;
import static io.orderhub.reconciliation.Fixtures.ingested;
import static io.orderhub.reconciliation.Fixtures.open;
import static io.orderhub.reconciliation.Fixtures.openRules;
import static io.orderhub.reconciliation.Fixtures.run;
import static io.orderhub.reconciliation.Fixtures.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Chinese marketplaces as platform sources, through their signed open APIs on the marketplace simulator: orders
 * of Taobao, JD, Pinduoduo, Douyin and Xiaohongshu (each in its own wire format: yuan strings, yuan numbers, fen;
 * Beijing time, Unix seconds, milliseconds; 30-minute windows for Pinduoduo and Xiaohongshu) reconciled with the ERP
 * and the hub. Divergences seeded on two of them are found exactly; the agreeing orders of all five stay consistent.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = Simulators.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChannelSourcesFlowTest {
    private static final String SHOP = Simulators.MARKETPLACE_SHOP;

    /** An order on a marketplace: its global id, channel id, what the buyer paid (the channel's demo lines), when. */
    record Placed(String gid, String channel, String orderId, String goods, String shipping, String discount, Money total, Instant paidAt) {
    }

    private static MarketplaceSimulator marketplace() {
        return Simulators.marketplace();
    }

    /** A paid order on {@code channel} with that platform's demo lines; paid 5 s before it was created (the simulator's way). */
    private static Placed placed(String channel, String goods, String shipping, String discount, Consumer<SimOrder> setup) {
        SimOrder o = marketplace().createOrder(channel, SHOP, setup);
        Instant paid = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        Money total = Money.of(new java.math.BigDecimal(goods).add(new java.math.BigDecimal(shipping))
                .subtract(new java.math.BigDecimal(discount)).toPlainString(), "CNY");
        return new Placed(globalId(), channel, o.orderId(), goods, shipping, discount, total, paid);
    }

    private static SalesOrder erpOrderOf(Placed p) {
        return SalesOrder.audited(p.gid(), p.channel(), SHOP, p.orderId(), p.paidAt(), "CNY", p.goods(), p.shipping(), p.discount());
    }

    private static void hubPaid(KafkaTestClient kafka, Placed p) {
        ingested(kafka, p.gid(), p.channel(), SHOP, p.orderId(), p.total(), p.paidAt());
        transition(kafka, p.gid(), p.channel(), null, OrderState.PAID, p.paidAt(), null);
    }

    @Test
    void marketplaceOrdersAreReconciledInTheirOwnWireFormats() {
        // demo lines: Taobao 399.00 + 2 × 59.90, 26.00 off; JD 1099.00 + 10 × 24.90, 50.00 shop coupon; Pinduoduo
        // 59.90 + 2 × 19.95, 3.00 postage, 15.90 off (sent as JSON numbers); Douyin 129.00 + 2 × 49.90, 15.00 off
        // (fen); Xiaohongshu 168.00 + 2 × 45.00, 18.00 off (fen, detail per order)
        Placed taobaoOk = placed("taobao", "518.80", "0.00", "26.00", o -> { });
        Placed taobaoAmount = placed("taobao", "518.80", "0.00", "26.00", o -> { });
        Placed jdOk = placed("jd", "1348.00", "0.00", "50.00", o -> { });
        Placed jdCancelled = placed("jd", "1348.00", "0.00", "50.00", o -> o.stage(SimOrder.Stage.CLOSED));
        Placed pddOk = placed("pdd", "99.80", "3.00", "15.90", o -> { });
        Placed pddNotInErp = placed("pdd", "99.80", "3.00", "15.90", o -> { });
        Placed douyinOk = placed("douyin", "228.80", "0.00", "15.00", o -> { });
        Placed xhsOk = placed("xhs", "258.00", "0.00", "18.00", o -> { });
        List<Placed> all = List.of(taobaoOk, taobaoAmount, jdOk, jdCancelled, pddOk, pddNotInErp, douyinOk, xhsOk);

        for (Placed p : all) {
            if (p == taobaoAmount) {
                Simulators.erp().put(erpOrderOf(p).withReceivable("482.80")); // the ERP booked 10.00 less
            } else if (p != pddNotInErp) {
                Simulators.erp().put(erpOrderOf(p));
            }
        }
        try (KafkaTestClient kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers())) {
            all.forEach(p -> hubPaid(kafka, p));
            all.forEach(p -> awaitHub(p.gid(), "PAID", true));
        }
        int callsBefore = marketplace().apiCalls().size();

        JsonPath runView = run();
        assertEquals("SUCCEEDED", runView.getString("status"), runView.prettify());
        Set<String> pulled = new java.util.TreeSet<>(marketplace().apiCalls().subList(callsBefore, marketplace().apiCalls().size())
                .stream().filter(c -> c.status() == 200).map(MarketplaceSimulator.ApiCall::channel).toList());
        assertTrue(pulled.containsAll(Simulators.MARKETPLACES), "every marketplace's API was read: " + pulled);

        // exactly the seeded divergences, each with its reason
        Map<Placed, Set<String>> expected = new java.util.LinkedHashMap<>();
        all.forEach(p -> expected.put(p, Set.of()));
        expected.put(taobaoAmount, Set.of("AMOUNT_MISMATCH"));
        expected.put(jdCancelled, Set.of("STATUS_MISMATCH"));
        expected.put(pddNotInErp, Set.of("MISSING_IN_ERP"));
        expected.forEach((p, rules) -> assertEquals(rules, openRules(p.gid()),
                () -> p.channel() + " " + p.orderId() + ": " + Fixtures.discrepancies(p.gid(), "open")));

        Map<String, Object> amount = open(taobaoAmount.gid(), "AMOUNT_MISMATCH");
        String reason = (String) amount.get("reason");
        assertTrue(reason.contains("492.80") && reason.contains("482.80"), reason);
        assertEquals("taobao", amount.get("channel"));

        Map<String, Object> status = open(jdCancelled.gid(), "STATUS_MISMATCH");
        assertTrue(((String) status.get("reason")).contains("TRADE_CANCELED"), "the platform's own status is quoted: " + status.get("reason"));

        Map<String, Object> missing = open(pddNotInErp.gid(), "MISSING_IN_ERP");
        assertEquals("SYNC_LAG", missing.get("grayState"), "paid seconds ago: the ERP may still be syncing");
    }
}
