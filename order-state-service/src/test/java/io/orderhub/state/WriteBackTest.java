package io.orderhub.state;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.orderhub.devstack.sim.marketplace.SimOrder;
import io.orderhub.devstack.sim.marketplace.WriteBack;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.orderhub.devstack.sim.marketplace.MarketplaceSimulator.APP;
import static io.orderhub.state.OrderMother.reserved;
import static io.orderhub.state.StateTestSupport.WAIT;
import static io.orderhub.state.StateTestSupport.act;
import static io.orderhub.state.StateTestSupport.bearer;
import static io.orderhub.state.StateTestSupport.count;
import static io.orderhub.state.StateTestSupport.ingest;
import static io.orderhub.state.StateTestSupport.stateOf;
import static io.orderhub.state.StateTestSupport.stock;
import static io.orderhub.state.StateTestSupport.timeline;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Write-back of shipments to the order's channel against the marketplace simulator (each platform's real ship API,
 * signed; a retailer's app in the hub's own signed format), and the warehouse intercept against the WMS simulator: success, retry then success, a conflict and an
 * unreachable channel in the manual-review queue, retry from the queue.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = OutsideWorldResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WriteBackTest {
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static MarketplaceSimulator sim() {
        return OutsideWorldResource.marketplaces();
    }

    /** The simulator's order as order-ingest-service would publish it. */
    private static OrderIngested snapshotOf(SimOrder o, String globalOrderId, OrderState state) {
        List<OrderLine> lines = new ArrayList<>();
        int i = 0;
        for (SimOrder.Line l : o.lines()) {
            lines.add(new OrderLine("L" + (++i), l.sku(), l.title(), l.quantity(), new Money(BigDecimal.valueOf(l.unitPriceMinor(), 2), o.currency())));
        }
        return new OrderIngested(globalOrderId, o.channel(), o.shop(), o.orderId(), "sim", state, Set.of(), FundingStatus.FULLY_PAID,
                new Money(BigDecimal.valueOf(o.totalMinor(), 2), o.currency()), Map.of(), OrderMother.completeAddress("13900139000", "Zhejiang"),
                lines, Instant.now().minusSeconds(60), Instant.now().minusSeconds(50), o.updatedAt(), "raw-" + o.orderId());
    }

    /** A paid order of the simulator's {@code channel}, known to the hub and labelled with {@code carrier}: ready to ship. */
    private static String labelled(SimOrder o, String carrier, String tracking) {
        return labelled(o, o.orderId(), carrier, tracking);
    }

    /** As above, under another channel order id (one the platform may not know). */
    private static String labelled(SimOrder o, String channelOrderId, String carrier, String tracking) {
        String id = OrderMother.globalOrderId();
        OrderIngested s = snapshotOf(o, id, OrderState.PAID);
        ingest(kafka, new OrderIngested(s.globalOrderId(), s.channel(), s.shop(), channelOrderId, s.channelStatus(), s.status(),
                s.conditions(), s.funding(), s.total(), s.fees(), s.shippingAddress(), s.lines(), s.createdAt(), s.paidAt(),
                s.channelUpdatedAt(), s.rawPayloadId()));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        stock(kafka, EventTypes.STOCK_RESERVED, reserved(id, o.lines().get(0).sku(), o.lines().get(0).quantity()));
        await().atMost(WAIT).until(() -> stateOf(id).equals("STOCK_LOCKED"));
        act("warehouse", id, "print-label", Map.of("carrier", carrier, "trackingNumber", tracking)).statusCode(200);
        return id;
    }

    private static List<WriteBack> writeBacksOf(String channel, String orderId, int atLeast) {
        List<List<WriteBack>> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            List<WriteBack> w = sim().writeBacks(channel).stream().filter(x -> orderId.equals(x.orderId())).toList();
            found.clear();
            found.add(w);
            return w.size() >= atLeast;
        });
        return found.get(0);
    }

    private static String outboundStatus(String globalOrderId, String kind) {
        String[] status = new String[1];
        await().atMost(WAIT).until(() -> {
            int done = count("select count(*) from outbound_call where global_order_id = ? and kind = '" + kind + "' and status <> 'PENDING'",
                    globalOrderId);
            if (done == 0) {
                return false;
            }
            status[0] = count("select count(*) from outbound_call where global_order_id = ? and status = 'SUCCEEDED'", globalOrderId) > 0
                    ? "SUCCEEDED" : "MANUAL_REVIEW";
            return true;
        });
        return status[0];
    }

    private static Map<String, Object> reviewOf(String globalOrderId) {
        List<Map<String, Object>> items = given().header("Authorization", bearer("ops")).queryParam("globalOrderId", globalOrderId)
                .get("/manual-review").then().statusCode(200).extract().path("items");
        assertEquals(1, items.size(), "one open manual review for " + globalOrderId + ": " + items);
        return items.get(0);
    }

    // the app gets the hub's own carrier name: its documented format has no carrier table
    private static final Map<String, String> CARRIER_CODES = Map.of("shopify", "UPS", "taobao", "SF", "jd", "467", "pdd", "44",
            "douyin", "shunfeng", "xhs", "shunfeng", APP, "SF");

    @Test
    void aShipmentIsWrittenBackToEveryChannelInItsOwnApi() {
        for (String channel : MarketplaceSimulator.ALL_CHANNELS) {
            SimOrder o = sim().createOrder(channel, "demo");
            String carrier = channel.equals("shopify") ? "UPS" : "SF";
            String tracking = "TRK" + o.orderId().replaceAll("\\D", "");
            String id = labelled(o, carrier, tracking);
            act("warehouse", id, "ship", null).statusCode(200).body("state", equalTo("SHIPPED"));

            List<WriteBack> calls = writeBacksOf(channel, o.orderId(), 1);
            assertEquals(1, calls.size(), channel + ": " + calls);
            WriteBack w = calls.get(0);
            assertEquals(WriteBack.ACCEPTED, w.outcome(), channel + ": " + w.answer());
            assertEquals(tracking, w.trackingNumber());
            assertEquals(CARRIER_CODES.get(channel), w.carrierCode(), channel);
            assertEquals("SUCCEEDED", outboundStatus(id, "CHANNEL_SHIPMENT"));
            // the platform now shows it shipped, with the hub's tracking number
            assertEquals(SimOrder.Stage.SHIPPED, sim().order(channel, "demo", o.orderId()).stage());
            assertEquals(tracking, sim().order(channel, "demo", o.orderId()).trackingNumber());
            await().atMost(WAIT).until(() -> timeline(id).stream().anyMatch(e -> "WRITE_BACK".equals(e.get("kind"))
                    && "SUCCEEDED".equals(e.get("detail"))));
        }
        // Shopify: fulfillment orders are read first, then the open one is fulfilled
        assertTrue(sim().apiCalls().stream().anyMatch(c -> c.channel().equals("shopify") && c.api().contains("fulfillment_orders")));
    }

    @Test
    void aTransientFailureIsRetriedAndThenSucceeds() {
        for (String channel : List.of("jd", APP)) {
            SimOrder o = sim().createOrder(channel, "demo");
            String id = labelled(o, "SF", "SF-RETRY-" + o.orderId());
            sim().failWriteBacks(channel, 2);
            act("warehouse", id, "ship", null).statusCode(200);

            List<WriteBack> calls = writeBacksOf(channel, o.orderId(), 3);
            assertEquals(List.of(WriteBack.FAILED, WriteBack.FAILED, WriteBack.ACCEPTED), calls.stream().map(WriteBack::outcome).toList(),
                    channel);
            assertEquals("SUCCEEDED", outboundStatus(id, "CHANNEL_SHIPMENT"), channel);
            assertEquals(0, count("select count(*) from manual_review where global_order_id = ?", id), channel);
            if (channel.equals(APP)) {
                // every try is the same delivery (the outbound call's id) with the same shipment, so the app applies it once
                Set<String> deliveryIds = calls.stream().map(w -> w.params().get("X-OrderHub-Delivery-Id")).collect(Collectors.toSet());
                assertEquals(1, deliveryIds.size(), "one delivery id for every try: " + deliveryIds);
                assertEquals(1, count("select count(*) from outbound_call where id::text = ? and status = 'SUCCEEDED'",
                        deliveryIds.iterator().next()));
                assertEquals(1, calls.stream().map(w -> w.params().get("shipped_at")).distinct().count(), "the same body on every try");
            }
        }
    }

    @Test
    void anAppThatDisagreesOrCannotVerifyTheHubPutsTheOrderInTheManualReviewQueue() {
        // refunded in the retailer's app while the warehouse shipped: the app answers 409 and is not asked again
        SimOrder o = sim().createOrder(APP, "demo");
        String id = labelled(o, "SF", "SF" + o.orderId().replaceAll("\\D", ""));
        sim().update(APP, "demo", o.orderId(), x -> x.stage(SimOrder.Stage.CLOSED));
        act("warehouse", id, "ship", null).statusCode(200).body("state", equalTo("SHIPPED"));

        assertEquals("MANUAL_REVIEW", outboundStatus(id, "CHANNEL_SHIPMENT"));
        assertEquals(1, writeBacksOf(APP, o.orderId(), 1).size(), "a refusal is not retried");
        Map<String, Object> item = reviewOf(id);
        assertEquals("CROSS_CHANNEL_CONFLICT", item.get("tag"));
        assertEquals("REJECTED", item.get("kind"));
        assertTrue(((String) item.get("reason")).contains("HTTP 409"), (String) item.get("reason"));
        assertTrue(((String) item.get("reason")).contains("closed on the platform"), (String) item.get("reason"));
        assertTrue(((String) item.get("request")).contains("/orderhub/v1/orders/" + o.orderId() + "/shipments"), (String) item.get("request"));

        // the simulator's conflict switch answers 409 too
        SimOrder switched = sim().createOrder(APP, "demo");
        String other = labelled(switched, "ZTO", "ZTO" + switched.orderId().replaceAll("\\D", ""));
        sim().conflictWriteBacks(APP, 1);
        act("warehouse", other, "ship", null).statusCode(200);
        assertEquals("MANUAL_REVIEW", outboundStatus(other, "CHANNEL_SHIPMENT"));
        assertEquals("REJECTED", reviewOf(other).get("kind"));

        // the hub signs with a secret the app does not share: 401, a refusal of the credentials, nothing changes in the app
        SimOrder forged = sim().createOrder(APP, OutsideWorldResource.FORGED_SHOP);
        String third = labelled(forged, "SF", "SF" + forged.orderId().replaceAll("\\D", ""));
        act("warehouse", third, "ship", null).statusCode(200);
        assertEquals("MANUAL_REVIEW", outboundStatus(third, "CHANNEL_SHIPMENT"));
        Map<String, Object> refused = reviewOf(third);
        assertEquals("REJECTED", refused.get("kind"));
        assertTrue(((String) refused.get("reason")).contains("HTTP 401"), (String) refused.get("reason"));
        assertTrue(((String) refused.get("reason")).contains("X-OrderHub-Signature"), (String) refused.get("reason"));
        assertEquals(SimOrder.Stage.PAID, sim().order(APP, OutsideWorldResource.FORGED_SHOP, forged.orderId()).stage());
    }

    @Test
    void aChannelThatDisagreesPutsTheOrderInTheManualReviewQueue() {
        // the buyer got a refund on Pinduoduo while the warehouse shipped: the platform refuses the shipment
        SimOrder o = sim().createOrder("pdd", "demo");
        String id = labelled(o, "ZTO", "ZTO" + o.orderId().replaceAll("\\D", ""));
        sim().update("pdd", "demo", o.orderId(), x -> x.stage(SimOrder.Stage.CLOSED));
        act("warehouse", id, "ship", null).statusCode(200).body("state", equalTo("SHIPPED"));

        assertEquals("MANUAL_REVIEW", outboundStatus(id, "CHANNEL_SHIPMENT"));
        assertEquals(1, writeBacksOf("pdd", o.orderId(), 1).size(), "a refusal is not retried");
        Map<String, Object> item = reviewOf(id);
        assertEquals("CROSS_CHANNEL_CONFLICT", item.get("tag"));
        assertEquals("REJECTED", item.get("kind"));
        assertEquals("OPEN", item.get("status"));
        assertTrue(((String) item.get("reason")).contains("closed on the platform"), (String) item.get("reason"));
        assertTrue(((String) item.get("request")).contains("pdd.logistics.online.send"), (String) item.get("request"));
        assertTrue(!((String) item.get("request")).contains("demo-token"), "the access token is not kept");
        given().header("Authorization", bearer("cs")).queryParam("tag", "CROSS_CHANNEL_CONFLICT").get("/manual-review")
                .then().statusCode(200).body("items.globalOrderId", hasItem(id));
        assertTrue(timeline(id).stream().anyMatch(e -> "WRITE_BACK".equals(e.get("kind")) && "REJECTED".equals(e.get("detail"))));

        // a person settles it
        given().header("Authorization", bearer("warehouse")).contentType(ContentType.JSON).body(Map.of("resolution", "x"))
                .post("/manual-review/{id}/resolve", item.get("id")).then().statusCode(403);
        given().header("Authorization", bearer("ops")).contentType(ContentType.JSON).body(Map.of())
                .post("/manual-review/{id}/resolve", item.get("id")).then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", bearer("ops")).contentType(ContentType.JSON)
                .body(Map.of("resolution", "refund confirmed with the buyer; parcel recalled"))
                .post("/manual-review/{id}/resolve", item.get("id")).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("user:dev-ops"));
        given().header("Authorization", bearer("ops")).contentType(ContentType.JSON).body(Map.of("resolution", "again"))
                .post("/manual-review/{id}/resolve", item.get("id")).then().statusCode(409);

        // the simulator's conflict switch: Xiaohongshu refuses once
        SimOrder x = sim().createOrder("xhs", "demo");
        String other = labelled(x, "SF", "SF" + x.orderId().replaceAll("\\D", ""));
        sim().conflictWriteBacks("xhs", 1);
        act("warehouse", other, "ship", null).statusCode(200);
        assertEquals("MANUAL_REVIEW", outboundStatus(other, "CHANNEL_SHIPMENT"));
        assertEquals("REJECTED", reviewOf(other).get("kind"));
    }

    @Test
    void anUnreachableChannelIsQueuedAndRetriedFromTheQueue() {
        SimOrder o = sim().createOrder("douyin", "demo");
        String tracking = "SF" + o.orderId().replaceAll("\\D", "");
        String id = labelled(o, "SF", tracking);
        sim().failWriteBacks("douyin", 1000);
        act("warehouse", id, "ship", null).statusCode(200);

        assertEquals("MANUAL_REVIEW", outboundStatus(id, "CHANNEL_SHIPMENT"));
        assertEquals(3, writeBacksOf("douyin", o.orderId(), 3).size(), "one try and two retries");
        Map<String, Object> item = reviewOf(id);
        assertEquals("UNREACHABLE", item.get("kind"));
        assertEquals("CROSS_CHANNEL_CONFLICT", item.get("tag"));

        // the platform is back: retry from the queue
        sim().failWriteBacks("douyin", 0);
        given().header("Authorization", bearer("ops")).post("/manual-review/{id}/retry", item.get("id"))
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("resolution", containsString("retried by user:dev-ops"));
        await().atMost(WAIT).until(() -> count("select count(*) from outbound_call where global_order_id = ? and status = 'SUCCEEDED'", id) == 1);
        assertEquals(WriteBack.ACCEPTED, writeBacksOf("douyin", o.orderId(), 4).get(3).outcome());
        assertEquals(tracking, sim().order("douyin", "demo", o.orderId()).trackingNumber());
    }

    @Test
    void anOrderTheChannelDoesNotKnowIsRefusedAtOnceNotRetried() {
        // a Shopify order the platform has never seen: 404 on its fulfillment orders is a refusal, not an outage
        SimOrder template = sim().createOrder("shopify", "demo");
        String unknown = "9" + template.orderId();
        java.util.function.Supplier<Long> calls = () -> sim().apiCalls().stream()
                .filter(c -> c.channel().equals("shopify") && c.api().contains("/orders/" + unknown + "/")).count();
        String id = labelled(template, unknown, "UPS", "1Z" + unknown);
        act("warehouse", id, "ship", null).statusCode(200);
        assertEquals("MANUAL_REVIEW", outboundStatus(id, "CHANNEL_SHIPMENT"));
        Map<String, Object> item = reviewOf(id);
        assertEquals("REJECTED", item.get("kind"));
        assertTrue(((String) item.get("reason")).contains("HTTP 404"), (String) item.get("reason"));
        assertEquals(1L, calls.get(), "one call, no retries");
    }

    @Test
    void aShipmentTheChannelReportedItselfIsNotEchoedBack() {
        SimOrder o = sim().createOrder("taobao", "demo");
        String id = OrderMother.globalOrderId();
        ingest(kafka, snapshotOf(o, id, OrderState.PAID));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        ingest(kafka, snapshotOf(o, id, OrderState.SHIPPED));
        await().atMost(WAIT).until(() -> stateOf(id).equals("SHIPPED"));
        assertEquals(0, count("select count(*) from outbound_call where global_order_id = ?", id));
    }

    @Test
    void closingAnOrderWhoseLabelWasPrintedAsksTheWarehouseToIntercept() {
        SimOrder o = sim().createOrder("taobao", "demo");
        String id = labelled(o, "SF", "SF-STOP-" + o.orderId());
        act("cs", id, "cancel", Map.of("reason", "buyer cancelled after printing")).statusCode(200)
                .body("state", equalTo("CLOSED"))
                .body("conditions", hasItem("INTERCEPTED"));
        await().atMost(WAIT).until(() -> OutsideWorldResource.wms().intercepted().contains(id));
        assertEquals("SUCCEEDED", outboundStatus(id, "WAREHOUSE_INTERCEPT"));
        assertTrue(timeline(id).stream().anyMatch(e -> "WAREHOUSE".equals(e.get("kind")) && "SUCCEEDED".equals(e.get("detail"))));

        // a WMS that does not answer: the intercept waits in the manual-review queue
        SimOrder other = sim().createOrder("taobao", "demo");
        String second = labelled(other, "SF", "SF-STOP2-" + other.orderId());
        OutsideWorldResource.wms().failNext(1000);
        try {
            act("cs", second, "cancel", null).statusCode(200).body("state", equalTo("CLOSED"));
            assertEquals("MANUAL_REVIEW", outboundStatus(second, "WAREHOUSE_INTERCEPT"));
            Map<String, Object> item = reviewOf(second);
            assertEquals("WAREHOUSE_INTERCEPT", item.get("tag"));
            assertEquals("UNREACHABLE", item.get("kind"));
        } finally {
            OutsideWorldResource.wms().failNext(0);
        }
        // an order closed before its label: nothing to intercept
        SimOrder third = sim().createOrder("taobao", "demo");
        String unlabelled = OrderMother.globalOrderId();
        ingest(kafka, snapshotOf(third, unlabelled, OrderState.PAID));
        await().atMost(WAIT).until(() -> stateOf(unlabelled).equals("PAID"));
        act("cs", unlabelled, "cancel", null).statusCode(200).body("state", equalTo("CLOSED"));
        assertEquals(0, count("select count(*) from outbound_call where global_order_id = ?", unlabelled));
    }
}
