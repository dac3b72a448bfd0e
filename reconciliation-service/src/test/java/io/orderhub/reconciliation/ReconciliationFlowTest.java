package io.orderhub.reconciliation;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.devstack.sim.erp.ErpSimulator;
import io.orderhub.devstack.sim.marketplace.SimOrder;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.reconciliation.Fixtures.ShopifyOrder;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.orderhub.reconciliation.Fixtures.awaitHub;
import static io.orderhub.reconciliation.Fixtures.bearer;
import static io.orderhub.reconciliation.Fixtures.discrepancies;
import static io.orderhub.reconciliation.Fixtures.erpOrderOf;
import static io.orderhub.reconciliation.Fixtures.held;
import static io.orderhub.reconciliation.Fixtures.ingested;
import static io.orderhub.reconciliation.Fixtures.open;
import static io.orderhub.reconciliation.Fixtures.openRules;
import static io.orderhub.reconciliation.Fixtures.paidAgo;
import static io.orderhub.reconciliation.Fixtures.paidShopifyOrder;
import static io.orderhub.reconciliation.Fixtures.resolve;
import static io.orderhub.reconciliation.Fixtures.run;
import static io.orderhub.reconciliation.Fixtures.trackingNumber;
import static io.orderhub.reconciliation.Fixtures.transition;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known divergences seeded into the three simulators (Shopify API, ERP, carrier) and the hub (real Kafka), reconciled
 * through real PostgreSQL: exactly those are found, each with its reason; they resolve by themselves or with a note.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = Simulators.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReconciliationFlowTest {
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static ErpSimulator erp() {
        return Simulators.erp();
    }

    /** The hub: ingested, then paid (and on to {@code last}, with the tracking number from LABEL_PRINTED on). */
    private static void hub(ShopifyOrder s, OrderState last, String tracking) {
        ingested(kafka, s, last);
        transition(kafka, s.gid(), "shopify", null, OrderState.PAID, s.paidAt(), null);
        OrderState from = OrderState.PAID;
        for (OrderState next : List.of(OrderState.STOCK_LOCKED, OrderState.LABEL_PRINTED, OrderState.SHIPPED, OrderState.DELIVERED)) {
            if (last.ordinal() < next.ordinal()) {
                break;
            }
            transition(kafka, s.gid(), "shopify", from, next, s.paidAt(), next.ordinal() >= OrderState.LABEL_PRINTED.ordinal() ? tracking : null);
            from = next;
        }
    }

    @Test
    void seededDivergencesAreFoundExactlyEachWithItsReasonAndResolve() {
        Instant now = Instant.now();
        // agrees everywhere
        ShopifyOrder ok = paidShopifyOrder(o -> { });
        erp().put(erpOrderOf(ok));
        hub(ok, OrderState.STOCK_LOCKED, null);
        // the ERP cancelled it, platform and hub wait to ship it
        ShopifyOrder cancelled = paidShopifyOrder(o -> { });
        erp().put(erpOrderOf(cancelled).withStatus(ErpSimulator.CANCELLED));
        hub(cancelled, OrderState.STOCK_LOCKED, null);
        // audited 47 minutes after payment
        ShopifyOrder lateAudit = paidShopifyOrder(o -> { });
        erp().put(erpOrderOf(lateAudit).withCheckTime(lateAudit.paidAt().plus(Duration.ofMinutes(47))));
        hub(lateAudit, OrderState.PAID, null);
        // the ERP booked 10.00 less
        ShopifyOrder amount = paidShopifyOrder(o -> { });
        erp().put(erpOrderOf(amount).withReceivable("79.00"));
        hub(amount, OrderState.PAID, null);
        // the ERP charged 8.00 shipping, the platform 5.00 (same total)
        ShopifyOrder fee = paidShopifyOrder(o -> { });
        erp().put(erpOrderOf(fee).withPostAmount("8.00"));
        hub(fee, OrderState.PAID, null);
        // the carrier picked it up, the hub still says LABEL_PRINTED
        String leftTn = trackingNumber();
        ShopifyOrder leftEarly = paidShopifyOrder(o -> { });
        erp().put(erpOrderOf(leftEarly).withWaybill("SF", leftTn));
        Simulators.carrier().pickup(leftTn, now.minus(Duration.ofMinutes(20)));
        hub(leftEarly, OrderState.LABEL_PRINTED, leftTn);
        // shipped everywhere, but the carrier never saw the parcel
        String ghostTn = trackingNumber();
        ShopifyOrder ghost = paidShopifyOrder(o -> o.shipped("SF", ghostTn));
        erp().put(erpOrderOf(ghost).consigned("SF", ghostTn, now.minus(Duration.ofMinutes(30))));
        hub(ghost, OrderState.SHIPPED, ghostTn);
        // delivered and signed for, everywhere
        String signedTn = trackingNumber();
        ShopifyOrder delivered = paidShopifyOrder(o -> o.shipped("SF", signedTn).stage(SimOrder.Stage.DELIVERED));
        erp().put(erpOrderOf(delivered).consigned("SF", signedTn, now.minus(Duration.ofHours(2))).withStatus(ErpSimulator.FINISHED));
        Simulators.carrier().pickup(signedTn, now.minus(Duration.ofHours(2))).deliver(signedTn, "李四", now.minus(Duration.ofMinutes(10)));
        hub(delivered, OrderState.DELIVERED, signedTn);

        Map<ShopifyOrder, String> last = new LinkedHashMap<>();
        last.put(ok, "STOCK_LOCKED");
        last.put(cancelled, "STOCK_LOCKED");
        last.put(lateAudit, "PAID");
        last.put(amount, "PAID");
        last.put(fee, "PAID");
        last.put(leftEarly, "LABEL_PRINTED");
        last.put(ghost, "SHIPPED");
        last.put(delivered, "DELIVERED");
        last.forEach((s, state) -> awaitHub(s.gid(), state, true));

        JsonPath runView = run();
        assertEquals("SUCCEEDED", runView.getString("status"), runView.prettify());

        assertEquals(Set.of(), openRules(ok.gid()));
        assertEquals(Set.of(), openRules(delivered.gid()), "delivered and signed for (by 李四) everywhere");
        assertEquals(Set.of("STATUS_MISMATCH"), openRules(cancelled.gid()));
        assertEquals(Set.of("PAYMENT_AUDIT_GAP"), openRules(lateAudit.gid()));
        assertEquals(Set.of("AMOUNT_MISMATCH"), openRules(amount.gid()));
        assertEquals(Set.of("FEE_MISMATCH"), openRules(fee.gid()));
        assertEquals(Set.of("TRACKING_MISMATCH"), openRules(leftEarly.gid()));
        assertEquals(Set.of("TRACKING_MISMATCH"), openRules(ghost.gid()));

        Map<String, Object> status = open(cancelled.gid(), "STATUS_MISMATCH");
        assertTrue(((String) status.get("reason")).contains("the ERP says CLOSED (trade_status 5 cancelled)"), (String) status.get("reason"));
        assertTrue(((String) status.get("reason")).contains("the hub says STOCK_LOCKED"), (String) status.get("reason"));
        assertEquals(Set.of("platform", "erp", "hub"), ((Map<?, ?>) status.get("evidence")).keySet());
        assertTrue(((String) open(lateAudit.gid(), "PAYMENT_AUDIT_GAP").get("reason")).contains("47 minutes apart (the limit is 30 minutes)"));
        String amountReason = (String) open(amount.gid(), "AMOUNT_MISMATCH").get("reason");
        assertTrue(amountReason.contains("platform 89.00 USD, ERP 79.00 USD, hub 89.00 USD"), amountReason);
        assertTrue(amountReason.contains("a difference of 10.00 USD"), amountReason);
        String feeReason = (String) open(fee.gid(), "FEE_MISMATCH").get("reason");
        assertTrue(feeReason.contains("shipping: platform 5.00 USD vs ERP 8.00 USD vs hub 5.00 USD"), feeReason);
        String leftReason = (String) open(leftEarly.gid(), "TRACKING_MISMATCH").get("reason");
        assertTrue(leftReason.contains("the carrier picked up " + leftTn) && leftReason.contains("the hub says LABEL_PRINTED (not shipped)"), leftReason);
        String ghostReason = (String) open(ghost.gid(), "TRACKING_MISMATCH").get("reason");
        assertTrue(ghostReason.contains("the hub says SHIPPED with " + ghostTn) && ghostReason.contains("the carrier has no such waybill"), ghostReason);
        Map<?, ?> ghostEvidence = (Map<?, ?>) open(ghost.gid(), "TRACKING_MISMATCH").get("evidence");
        assertEquals(false, ((Map<?, ?>) ghostEvidence.get("carrier")).get("known"));

        // each new discrepancy is an event on orderhub.reconciliation.v1 (outbox → Kafka)
        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.RECONCILIATION, amount.gid(), Duration.ofSeconds(30),
                es -> es.stream().anyMatch(e -> EventTypes.DISCREPANCY_FOUND.equals(e.type())));
        KafkaTestClient.Event found = events.stream().filter(e -> EventTypes.DISCREPANCY_FOUND.equals(e.type())).findFirst().orElseThrow();
        assertEquals("reconciliation-service", found.source());
        assertTrue(found.data().contains("\"rule\":\"AMOUNT_MISMATCH\"") && found.data().contains("79.00"), found.data());

        // the ERP corrects the amount: the next run resolves it by itself, with the time it lived
        erp().update(amount.gid(), o -> o.withReceivable("89.00"));
        run();
        assertEquals(Set.of(), openRules(amount.gid()));
        Map<String, Object> gone = discrepancies(amount.gid(), "resolved").stream()
                .filter(d -> "AMOUNT_MISMATCH".equals(d.get("rule"))).findFirst().orElseThrow();
        assertEquals("auto", gone.get("resolvedBy"));
        assertTrue(((String) gone.get("resolutionNote")).contains("no longer found"), (String) gone.get("resolutionNote"));
        assertTrue(((Number) gone.get("livedSeconds")).longValue() >= 0);
        assertEquals(false, gone.get("open"));

        // a person resolves the fee difference with a note: it stays resolved while the facts stay the same
        Object feeId = open(fee.gid(), "FEE_MISMATCH").get("id");
        resolve(feeId, null).then().statusCode(400).contentType("application/problem+json").body("detail", containsString("note"));
        resolve(feeId, "surcharge for the island address, agreed with the buyer").then().statusCode(200)
                .body("open", equalTo(false)).body("resolvedBy", containsString("user:"))
                .body("resolutionNote", equalTo("surcharge for the island address, agreed with the buyer"));
        resolve(feeId, "again").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already resolved"));
        erp().update(fee.gid(), o -> o.withWarehouse("WH-BJ")); // a change, so the order is compared again
        run();
        assertEquals(Set.of(), openRules(fee.gid()), "the same difference does not reopen");
        erp().update(fee.gid(), o -> o.withPostAmount("9.00"));
        run();
        Map<String, Object> reopened = open(fee.gid(), "FEE_MISMATCH");
        assertNotEquals(feeId, reopened.get("id"), "different facts: a new discrepancy");
        assertTrue(((String) reopened.get("reason")).contains("ERP 9.00 USD"));

        // the lifecycle events started runs of their own
        given().header("Authorization", bearer("ops")).get("/runs?trigger=EVENT").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void paidOrdersMissingInTheErpAreClassifiedByWhyTheyAreMissing() {
        Instant startedAt = Instant.now();
        Duration threeHours = Duration.ofHours(3);
        ShopifyOrder callback = paidShopifyOrder(paidAgo(threeHours));
        ingested(kafka, callback, OrderState.PENDING_PAYMENT);
        transition(kafka, callback.gid(), "shopify", null, OrderState.PENDING_PAYMENT, null, null);

        ShopifyOrder risk = paidShopifyOrder(paidAgo(threeHours));
        ingested(kafka, risk, OrderState.PAID);
        transition(kafka, risk.gid(), "shopify", null, OrderState.PAID, risk.paidAt(), null);
        held(kafka, risk.gid(), "shopify", OrderState.PAID, risk.paidAt(), "RISK_REVIEW",
                "the same phone placed 6 orders in 24 h to 4 provinces");

        ShopifyOrder price = paidShopifyOrder(paidAgo(threeHours));
        ingested(kafka, price, OrderState.PAID);
        transition(kafka, price.gid(), "shopify", null, OrderState.PAID, price.paidAt(), null);
        held(kafka, price.gid(), "shopify", OrderState.PAID, price.paidAt(), "HEALTH_RED", "health score 45 < 50 (price check failed)");

        ShopifyOrder lag = paidShopifyOrder(o -> { });
        ingested(kafka, lag, OrderState.PAID);
        transition(kafka, lag.gid(), "shopify", null, OrderState.PAID, lag.paidAt(), null);

        ShopifyOrder unknown = paidShopifyOrder(paidAgo(threeHours));
        ingested(kafka, unknown, OrderState.PAID);
        transition(kafka, unknown.gid(), "shopify", null, OrderState.PAID, unknown.paidAt(), null);

        ShopifyOrder neverSeen = paidShopifyOrder(paidAgo(threeHours)); // its webhook never reached the hub

        awaitHub(callback.gid(), "PENDING_PAYMENT", true);
        for (ShopifyOrder s : List.of(risk, price, lag, unknown)) {
            awaitHub(s.gid(), "PAID", true);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", bearer("ops"))
                .get("/hub-orders/{id}", price.gid()).jsonPath().getList("holds").contains("HEALTH_RED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", bearer("ops"))
                .get("/hub-orders/{id}", risk.gid()).jsonPath().getList("holds").contains("RISK_REVIEW"));
        run();

        assertEquals("PAYMENT_CALLBACK_FAILED", open(callback.gid(), "MISSING_IN_ERP").get("grayState"));
        assertEquals(Set.of("MISSING_IN_ERP", "STATUS_MISMATCH"), openRules(callback.gid()), "and the platform/hub payment disagreement");
        assertTrue(((String) open(callback.gid(), "MISSING_IN_ERP").get("reason")).contains("the payment callback never reached the hub"));
        assertEquals("RISK_INTERCEPTED", open(risk.gid(), "MISSING_IN_ERP").get("grayState"));
        assertTrue(((String) open(risk.gid(), "MISSING_IN_ERP").get("reason")).contains("6 orders in 24 h"));
        assertEquals("PRICE_ANOMALY_HOLD", open(price.gid(), "MISSING_IN_ERP").get("grayState"));
        assertEquals("SYNC_LAG", open(lag.gid(), "MISSING_IN_ERP").get("grayState"));
        assertEquals("UNKNOWN", open(unknown.gid(), "MISSING_IN_ERP").get("grayState"));
        for (ShopifyOrder s : List.of(risk, price, lag, unknown)) {
            assertEquals(Set.of("MISSING_IN_ERP"), openRules(s.gid()), s.gid());
        }
        List<Map<String, Object>> never = discrepancies(neverSeen.orderId(), "open");
        assertEquals(Set.of("MISSING_IN_ERP", "MISSING_IN_HUB"), new java.util.TreeSet<>(never.stream().map(d -> (String) d.get("rule")).toList()));
        assertTrue(never.stream().allMatch(d -> "PAYMENT_CALLBACK_FAILED".equals(d.get("grayState"))), never.toString());
        assertEquals("shopify:demo:" + neverSeen.orderId(), never.get(0).get("orderKey"));

        // the "missing paid orders" report counts them by class
        JsonPath report = given().header("Authorization", bearer("finance")).queryParam("source", "ERP").queryParam("channel", "shopify")
                .queryParam("from", startedAt.toString()).get("/reports/missing").then().statusCode(200).extract().jsonPath();
        assertTrue(report.getLong("byGrayState.PAYMENT_CALLBACK_FAILED") >= 2, report.prettify());
        assertTrue(report.getLong("byGrayState.RISK_INTERCEPTED") >= 1, report.prettify());
        assertTrue(report.getLong("byGrayState.PRICE_ANOMALY_HOLD") >= 1, report.prettify());
        assertTrue(report.getLong("byGrayState.SYNC_LAG") >= 1, report.prettify());
        assertTrue(report.getLong("byGrayState.UNKNOWN") >= 1, report.prettify());

        // the ERP imports the lagging one: resolved on the next run; the hub learns of the unseen one: merged onto its id
        erp().put(erpOrderOf(lag));
        String neverGid = Fixtures.globalId();
        ingested(kafka, new ShopifyOrder(neverGid, neverSeen.orderId(), neverSeen.paidAt(), neverSeen.snapshot()), OrderState.PAID);
        transition(kafka, neverGid, "shopify", null, OrderState.PAID, neverSeen.paidAt(), null);
        awaitHub(neverGid, "PAID", true);
        run();
        assertEquals(Set.of(), openRules(lag.gid()));
        assertTrue(discrepancies("shopify:demo:" + neverSeen.orderId(), "open").isEmpty());
        assertTrue(((String) discrepancies("shopify:demo:" + neverSeen.orderId(), "resolved").get(0).get("resolutionNote"))
                .contains(neverGid));
        assertEquals(Set.of("MISSING_IN_ERP"), openRules(neverGid), "now under its global id, still missing in the ERP");
        assertEquals("UNKNOWN", open(neverGid, "MISSING_IN_ERP").get("grayState"), "the hub has the payment now");
    }

    @Test
    void anErpOutageNeitherInventsNorResolvesMissingOrders() {
        ShopifyOrder s = paidShopifyOrder(paidAgo(Duration.ofHours(2)));
        ingested(kafka, s, OrderState.PAID);
        transition(kafka, s.gid(), "shopify", null, OrderState.PAID, s.paidAt(), null);
        awaitHub(s.gid(), "PAID", true);
        run();
        Object id = open(s.gid(), "MISSING_IN_ERP").get("id");

        erp().failNext(10_000);
        try {
            transition(kafka, s.gid(), "shopify", OrderState.PAID, OrderState.STOCK_LOCKED, s.paidAt(), null);
            awaitHub(s.gid(), "STOCK_LOCKED", true);
            ShopifyOrder during = paidShopifyOrder(paidAgo(Duration.ofHours(2)));
            ingested(kafka, during, OrderState.PAID);
            transition(kafka, during.gid(), "shopify", null, OrderState.PAID, during.paidAt(), null);
            awaitHub(during.gid(), "PAID", true);
            JsonPath partial = run();
            assertEquals("PARTIAL", partial.getString("status"), partial.prettify());
            assertTrue(partial.getString("unavailable").contains("ERP"), partial.getString("unavailable"));
            assertEquals(id, open(s.gid(), "MISSING_IN_ERP").get("id"), "still open: an unreachable ERP decides nothing");
            assertFalse(openRules(during.gid()).contains("MISSING_IN_ERP"), "not invented while the ERP cannot be read");
        } finally {
            erp().failNext(0);
        }
        // once the breaker lets calls through again, the ERP is read and the new order is found missing too
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(run().getString("status")));
        assertEquals(id, open(s.gid(), "MISSING_IN_ERP").get("id"));
    }

    @Test
    void theScheduleRunsByItselfAndRunsAreListed() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !given().header("Authorization", bearer("ops"))
                .get("/runs?trigger=SCHEDULE").jsonPath().getList("$").isEmpty());
        String id = given().header("Authorization", bearer("ops")).post("/runs").then().statusCode(202)
                .header("Location", containsString("/runs/")).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String st = given().header("Authorization", bearer("ops")).get("/runs/{id}", id).then().statusCode(200).extract().path("status");
            return st.equals("SUCCEEDED") || st.equals("PARTIAL");
        });
        given().get("/runs").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", bearer("warehouse")).post("/runs").then().statusCode(403);
        given().header("Authorization", bearer("ops")).get("/discrepancies?rule=NOPE").then().statusCode(400)
                .body("detail", containsString("STATUS_MISMATCH"));
    }
}
