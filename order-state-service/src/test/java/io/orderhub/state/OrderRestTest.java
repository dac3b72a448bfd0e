package io.orderhub.state;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.Address;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.orderhub.state.OrderMother.read;
import static io.orderhub.state.OrderMother.reserved;
import static io.orderhub.state.StateTestSupport.WAIT;
import static io.orderhub.state.StateTestSupport.act;
import static io.orderhub.state.StateTestSupport.bearer;
import static io.orderhub.state.StateTestSupport.getOrder;
import static io.orderhub.state.StateTestSupport.ingest;
import static io.orderhub.state.StateTestSupport.lifecycleUntil;
import static io.orderhub.state.StateTestSupport.stateOf;
import static io.orderhub.state.StateTestSupport.stock;
import static io.orderhub.state.StateTestSupport.timeline;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API: actions and their refusals, holds, the decision tree, search, health and risk rules. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = OutsideWorldResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrderRestTest {
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String paidOrder() {
        String id = OrderMother.globalOrderId();
        ingest(kafka, OrderMother.paidTaobaoOrder(id, OrderMother.channelOrderId(), Instant.now(), "SKU-REST-" + UUID.randomUUID()));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        return id;
    }

    private static String lockedOrder() {
        String id = paidOrder();
        stock(kafka, EventTypes.STOCK_RESERVED, reserved(id, "ANY", 1));
        await().atMost(WAIT).until(() -> stateOf(id).equals("STOCK_LOCKED"));
        return id;
    }

    private static String shippedOrder(String carrier) {
        String id = lockedOrder();
        act("warehouse", id, "print-label", Map.of("carrier", carrier, "trackingNumber", "T-" + id)).statusCode(200);
        act("ops", id, "ship", null).statusCode(200).body("state", equalTo("SHIPPED"));
        return id;
    }

    @Test
    void everyEndpointNeedsABearerToken() {
        given().get("/orders/OH2026NOTOKEN1").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("bearer token"));
        given().post("/orders/OH2026NOTOKEN1/actions/ship").then().statusCode(401);
    }

    @Test
    void anUnknownOrderIsANotFoundProblem() {
        getOrder("OH2026NOSUCH01").statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no order OH2026NOSUCH01"));
        act("ops", "OH2026NOSUCH01", "cancel", null).statusCode(404);
        given().header("Authorization", bearer("cs")).get("/orders/OH2026NOSUCH01/timeline").then().statusCode(404);
    }

    @Test
    void badRequestsSayWhatToFix() {
        String id = paidOrder();
        act("ops", id, "teleport", null).statusCode(404).body("detail", containsString("use one of print-label, ship, deliver, intercept, cancel"));
        given().header("Authorization", bearer("ops")).get("/orders?state=SHIPPPED").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("state must be one of"));
        given().header("Authorization", bearer("ops")).get("/orders?size=1000").then().statusCode(400)
                .body("detail", containsString("size must be between 1 and 200"));
        given().header("Authorization", bearer("cs")).get("/orders/{id}/options?intent=refund", id).then().statusCode(400)
                .body("detail", containsString("intent must be one of change-address, cancel, intercept"));
        given().header("Authorization", bearer("ops")).contentType(ContentType.JSON).body("{\"carrier\": ")
                .post("/orders/{id}/actions/print-label", id).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void rolesDecideWhoMayTakeWhichAction() {
        String id = lockedOrder();
        act("finance", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF1")).statusCode(403)
                .contentType("application/problem+json");
        act("cs", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF1")).statusCode(403);
        act("warehouse", id, "cancel", null).statusCode(403);
        assertEquals("STOCK_LOCKED", stateOf(id));
        given().header("Authorization", bearer("finance")).get("/orders/{id}", id).then().statusCode(200);
    }

    @Test
    void aLabelWithoutTrackingNumberIsRefusedSaidWhyAndRecorded() {
        String id = lockedOrder();
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", " ")).statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("order " + id + " is STOCK_LOCKED; print-label needs a carrier and a non-empty "
                        + "tracking number (a generated label)"))
                .body("action", equalTo("print-label"));
        Map<String, Object> refusal = timeline(id).get(2);
        assertEquals("REFUSAL", refusal.get("kind"));
        assertEquals("LABEL_PRINTED", refusal.get("to"));
        assertEquals("user:dev-warehouse", refusal.get("actor"));
        assertEquals("STOCK_LOCKED", stateOf(id));
        // the paid order has not even been locked: print-label needs the stock first
        String paid = paidOrder();
        act("ops", paid, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF2")).statusCode(409)
                .body("detail", equalTo("order " + paid + " is PAID; print-label needs STOCK_LOCKED first"));
    }

    @Test
    void aHeldOrderIsNotLabelledUntilTheHoldIsReleased() {
        String id = lockedOrder();
        given().header("Authorization", bearer("cs")).contentType(ContentType.JSON)
                .body(Map.of("hold", "RISK_REVIEW", "reason", "buyer called: suspected account takeover"))
                .post("/orders/{id}/holds", id).then().statusCode(200).body("holds", contains("RISK_REVIEW"));
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF77")).statusCode(409)
                .body("detail", containsString("held (RISK_REVIEW); release the hold before print-label"));
        given().header("Authorization", bearer("cs")).delete("/orders/{id}/holds/RISK_REVIEW", id).then().statusCode(403);
        given().header("Authorization", bearer("ops")).queryParam("reason", "verified with the buyer")
                .delete("/orders/{id}/holds/RISK_REVIEW", id).then().statusCode(200).body("holds", empty());
        given().header("Authorization", bearer("ops")).delete("/orders/{id}/holds/RISK_REVIEW", id).then().statusCode(404)
                .body("detail", containsString("is not held RISK_REVIEW"));
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF77")).statusCode(200)
                .body("state", equalTo("LABEL_PRINTED"));

        List<String> kinds = timeline(id).stream().map(e -> (String) e.get("kind")).toList();
        assertEquals(List.of("TRANSITION", "TRANSITION", "HOLD", "REFUSAL", "HOLD_RELEASED", "TRANSITION"), kinds);
        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, id, EventTypes.ORDER_LABEL_PRINTED, 1);
        assertEquals(List.of(EventTypes.ORDER_PAID, EventTypes.ORDER_STOCK_LOCKED, EventTypes.ORDER_HELD,
                EventTypes.ORDER_TRANSITION_REFUSED, EventTypes.ORDER_HOLD_RELEASED, EventTypes.ORDER_LABEL_PRINTED),
                events.stream().map(KafkaTestClient.Event::type).toList());
    }

    @Test
    void concurrentShipRequestsSerializeOnTheOrderRowAndShipOnce() throws Exception {
        String id = lockedOrder();
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF-RACE")).statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String role = i % 2 == 0 ? "warehouse" : "ops";
                calls.add(pool.submit(() -> act(role, id, "ship", null).extract().statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get(), "a repeated ship is a duplicate, not an error");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("SHIPPED", stateOf(id));
        assertEquals(1, StateTestSupport.count("select count(*) from outbox_event where subject = ? and type = '"
                + EventTypes.ORDER_SHIPPED + "'", id), "exactly one shipped event");
        assertEquals(1, timeline(id).stream().filter(e -> "SHIPPED".equals(e.get("to"))).count());
    }

    @Test
    void cancelBeforeShippingClosesTheOrderAndAnnouncesItForInventory() {
        String id = lockedOrder();
        act("cs", id, "cancel", Map.of("reason", "buyer changed their mind")).statusCode(200).body("state", equalTo("CLOSED"));
        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, id, EventTypes.ORDER_CLOSED, 1);
        OrderLifecycleChanged closed = read(events.get(events.size() - 1).data(), OrderLifecycleChanged.class);
        assertEquals(OrderState.STOCK_LOCKED, closed.from());
        assertEquals("user:dev-cs", closed.actor());
        assertEquals(1, closed.lines().size());
        act("cs", id, "cancel", null).statusCode(200).body("state", equalTo("CLOSED"));   // a retry changes nothing
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF9")).statusCode(409)
                .body("detail", containsString("a closed order never moves again"));
    }

    @Test
    void afterShippingCancelIsRefusedAndTheDecisionTreeOffersIntercept() {
        String id = shippedOrder("SF");
        given().header("Authorization", bearer("cs")).get("/orders/{id}/options?intent=cancel", id).then().statusCode(200)
                .body("state", equalTo("SHIPPED"))
                .body("options.find { it.action == 'cancel' }.allowed", equalTo(false))
                .body("options.find { it.action == 'intercept' }.allowed", equalTo(true));
        act("cs", id, "cancel", null).statusCode(409)
                .body("detail", containsString("an order that has shipped cannot be closed"));
        act("cs", id, "intercept", Map.of("reason", "buyer refused the parcel")).statusCode(200)
                .body("state", equalTo("SHIPPED")).body("conditions", contains("INTERCEPTED"));
        act("cs", id, "intercept", null).statusCode(409).body("detail", containsString("already INTERCEPTED"));
        Map<String, Object> condition = timeline(id).stream().filter(e -> "CONDITION".equals(e.get("kind"))).findFirst().orElseThrow();
        assertEquals("+INTERCEPTED", condition.get("detail"));
        assertEquals("buyer refused the parcel", condition.get("reason"));
        act("cs", id, "deliver", null).statusCode(200).body("state", equalTo("DELIVERED"));
    }

    @Test
    void aCarrierThatCannotInterceptIsSaidSo() {
        String id = shippedOrder("LETTERPOST");
        given().header("Authorization", bearer("cs")).get("/orders/{id}/options?intent=intercept", id).then().statusCode(200)
                .body("options[0].allowed", equalTo(false))
                .body("options[0].why", containsString("does not support intercepts"));
        act("cs", id, "intercept", null).statusCode(409).body("detail", containsString("LETTERPOST, which does not support intercepts"));
    }

    @Test
    void changeAddressOptionsFollowTheLabel() {
        String id = lockedOrder();
        given().header("Authorization", bearer("cs")).get("/orders/{id}/options?intent=change-address", id).then().statusCode(200)
                .body("intent", equalTo("change-address"))
                .body("options.findAll { it.allowed }.action", contains("edit-and-sync"));
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF5")).statusCode(200);
        given().header("Authorization", bearer("cs")).get("/orders/{id}/options?intent=change-address", id).then().statusCode(200)
                .body("options.findAll { it.allowed }.action", contains("change-carrier"));
        // the carrier change: a new label replaces the old one
        act("warehouse", id, "print-label", Map.of("carrier", "JD", "trackingNumber", "JDV5")).statusCode(200)
                .body("carrier", equalTo("JD")).body("trackingNumber", equalTo("JDV5")).body("state", equalTo("LABEL_PRINTED"));
        assertTrue(((String) timeline(id).get(3).get("reason")).contains("new label: SF SF5 → JD JDV5"));
    }

    @Test
    void searchFiltersByStateChannelAndHoldAndPages() {
        String channel = "pos-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = OrderMother.globalOrderId();
            OrderIngested o = OrderMother.paidTaobaoOrder(id, OrderMother.channelOrderId(), Instant.now(), "SKU-POS");
            ingest(kafka, new OrderIngested(id, channel, "store-1", o.channelOrderId(), "paid", i == 0 ? OrderState.PENDING_PAYMENT : OrderState.PAID,
                    null, o.funding(), o.total(), null, o.shippingAddress(), o.lines(), o.createdAt(), o.paidAt(), o.channelUpdatedAt(), null));
            ids.add(id);
        }
        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> getOrder(id).extract().statusCode() == 200));
        given().header("Authorization", bearer("ops")).get("/orders?channel={c}&size=2", channel).then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(3)).body("pages", equalTo(2)).body("page", equalTo(0));
        given().header("Authorization", bearer("ops")).get("/orders?channel={c}&size=2&page=1", channel).then()
                .body("items", hasSize(1));
        given().header("Authorization", bearer("ops")).get("/orders?channel={c}&state=pending_payment", channel).then()
                .body("items.globalOrderId", contains(ids.get(0)))
                .body("items[0].channelOrderId", equalTo(getOrder(ids.get(0)).extract().path("channelOrderId")));
        given().header("Authorization", bearer("ops")).get("/orders?channel={c}&hold=RISK_REVIEW", channel).then()
                .body("total", equalTo(0));
    }

    @Test
    void aChannelRiskFlagKeepsTheOrderFromTheWarehouseUntilTheChannelClearsIt() {
        // Douyin 105: paid, the platform's risk check pending; the hub must not hand it to the warehouse
        String id = OrderMother.globalOrderId();
        String channelOrderId = OrderMother.channelOrderId();
        String sku = "SKU-RISK-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-11T00:03:00Z");
        OrderIngested o = OrderMother.paidTaobaoOrder(id, channelOrderId, t0, sku);
        ingest(kafka, new OrderIngested(id, "douyin", "demo", channelOrderId, "105", OrderState.PAID, java.util.Set.of("RISK_HOLD"),
                o.funding(), o.total(), null, o.shippingAddress(), o.lines(), t0, t0, t0, null));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        getOrder(id).body("holds", contains("CHANNEL_RISK"));
        stock(kafka, EventTypes.STOCK_RESERVED, OrderMother.reserved(id, sku, 1));
        await().atMost(WAIT).until(() -> stateOf(id).equals("STOCK_LOCKED"));
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF1400000105")).statusCode(409)
                .body("detail", containsString("CHANNEL_RISK"));

        // a later snapshot without the flag (status 2: the risk check passed) releases it; a person's hold would stay
        ingest(kafka, new OrderIngested(id, "douyin", "demo", channelOrderId, "2", OrderState.PAID, java.util.Set.of(),
                o.funding(), o.total(), null, o.shippingAddress(), o.lines(), t0, t0, t0.plusSeconds(120), null));
        await().atMost(WAIT).untilAsserted(() -> getOrder(id).body("holds", empty()));
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF1400000105")).statusCode(200)
                .body("state", equalTo("LABEL_PRINTED"));
        List<Map<String, Object>> holds = timeline(id).stream()
                .filter(e -> "HOLD".equals(e.get("kind")) || "HOLD_RELEASED".equals(e.get("kind"))).toList();
        assertEquals(List.of("HOLD", "HOLD_RELEASED"), holds.stream().map(e -> e.get("kind")).toList());
        assertTrue(((String) holds.get(1).get("reason")).contains("no longer flags a risk"), (String) holds.get(1).get("reason"));
    }

    @Test
    void searchFiltersByWhenTheOrderWasPlaced() {
        String channel = "pos-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new java.util.ArrayList<>();
        for (int hour = 10; hour <= 12; hour++) {
            String id = OrderMother.globalOrderId();
            Instant placed = Instant.parse("2026-11-11T" + hour + ":00:00Z");
            OrderIngested o = OrderMother.paidTaobaoOrder(id, OrderMother.channelOrderId(), placed, "SKU-POS");
            ingest(kafka, new OrderIngested(id, channel, "store-1", o.channelOrderId(), "paid", OrderState.PAID,
                    null, o.funding(), o.total(), null, o.shippingAddress(), o.lines(), placed, placed, placed, null));
            ids.add(id);
        }
        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> getOrder(id).extract().statusCode() == 200));
        given().header("Authorization", bearer("cs"))
                .get("/orders?channel={c}&from=2026-11-11T10:30:00Z&to=2026-11-11T12:00:00Z", channel).then().statusCode(200)
                .body("items.globalOrderId", contains(ids.get(1)));
        given().header("Authorization", bearer("cs"))
                .queryParam("channel", channel).queryParam("from", "2026-11-11T19:00:00+08:00")
                .get("/orders").then().statusCode(200)
                .body("items.globalOrderId", org.hamcrest.Matchers.containsInAnyOrder(ids.get(1), ids.get(2)));
        given().header("Authorization", bearer("cs")).get("/orders?channel={c}&to=2026-11-12", channel).then()
                .body("total", equalTo(3));
        given().header("Authorization", bearer("cs")).get("/orders?from=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("ISO-8601"));
        given().header("Authorization", bearer("cs")).get("/orders?from=2026-11-12&to=2026-11-11").then().statusCode(400);
    }

    @Test
    void aRedHealthScoreHoldsThePaidOrder() {
        String id = OrderMother.globalOrderId();
        OrderIngested o = OrderMother.paidTaobaoOrder(id, OrderMother.channelOrderId(), Instant.now(), "SKU-RED");
        // no street address, and paid 19.90 for a 199.00 jacket
        o = OrderMother.withTotal(OrderMother.withAddress(o, new Address("Li Lei", "13900000000", "CN", "Zhejiang", "Hangzhou",
                null, " ", null)), Money.of("19.90", "CNY"));
        ingest(kafka, o);
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        getOrder(id).body("healthScore", equalTo(30)).body("healthBand", equalTo("RED")).body("holds", contains("HEALTH_RED"));
        Map<String, Object> hold = timeline(id).get(1);
        assertEquals("HOLD", hold.get("kind"));
        assertTrue(((String) hold.get("reason")).contains("health score 30 < 50 (address incomplete, price check failed)"),
                (String) hold.get("reason"));
    }

    @Test
    void theSamePhoneOrderingToManyProvincesIsHeldForReview() {
        String phone = "1" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        List<String> provinces = List.of("Zhejiang", "Jiangsu", "Guangdong", "Sichuan", "Zhejiang", "Jiangsu");
        List<String> ids = new java.util.ArrayList<>();
        Instant placed = Instant.now();
        for (String province : provinces) {
            String id = OrderMother.globalOrderId();
            ids.add(id);
            ingest(kafka, OrderMother.withAddress(OrderMother.paidTaobaoOrder(id, OrderMother.channelOrderId(), placed, "SKU-BRUSH"),
                    OrderMother.completeAddress(phone, province)));
            // one after the other: each is judged with the earlier ones in the database
            await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        }
        for (int i = 0; i < 5; i++) {
            getOrder(ids.get(i)).body("holds", empty());
        }
        getOrder(ids.get(5)).body("holds", contains("RISK_REVIEW"));
        assertTrue(((String) timeline(ids.get(5)).get(1).get("reason")).contains("placed 6 orders within 24 h to 4 provinces"));
    }
}
