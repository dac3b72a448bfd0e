package io.orderhub.state;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderhub.state.OrderMother.paidShopifySnapshotJson;
import static io.orderhub.state.OrderMother.read;
import static io.orderhub.state.OrderMother.reserved;
import static io.orderhub.state.StateTestSupport.WAIT;
import static io.orderhub.state.StateTestSupport.act;
import static io.orderhub.state.StateTestSupport.count;
import static io.orderhub.state.StateTestSupport.getOrder;
import static io.orderhub.state.StateTestSupport.lifecycleUntil;
import static io.orderhub.state.StateTestSupport.ofType;
import static io.orderhub.state.StateTestSupport.stateOf;
import static io.orderhub.state.StateTestSupport.stock;
import static io.orderhub.state.StateTestSupport.timeline;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle end to end through the real broker and database: ingest → paid → stock locked → label → ship → ERP reset refused. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = OutsideWorldResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrderFlowTest {
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aPaidOrderIsLockedLabelledShippedAndAnErpResetToPaidIsRefused() {
        String id = OrderMother.globalOrderId();
        String channelOrderId = OrderMother.channelOrderId();
        String sku1 = "SHIRT-" + UUID.randomUUID();
        String sku2 = "TOTE-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-19T15:23:47Z");

        // 1. order-ingest-service publishes the paid Shopify order
        kafka.publish(Topics.ORDERS_INGESTED, id, EventTypes.ORDER_INGESTED, paidShopifySnapshotJson(id, channelOrderId, sku1, sku2, t0));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        getOrder(id).statusCode(200)
                .body("channel", equalTo("shopify"))
                .body("holds", empty())
                .body("lines", hasSize(2))
                .body("lines[0].sku", equalTo(sku1))
                .body("lines[0].quantity", equalTo(2))
                .body("amounts.total", equalTo(90.72f))
                .body("amounts.currency", equalTo("USD"))
                .body("amounts.fees.TAX.amount", equalTo(6.72f))
                .body("channelIds", contains("shopify:demo:" + channelOrderId))
                .body("healthScore", equalTo(65))
                .body("shippingAddress.province", equalTo("NY"));

        // ...and order-state-service announces it as paid, with the lines inventory reserves
        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, id, EventTypes.ORDER_PAID, 1);
        KafkaTestClient.Event paidEvent = events.stream().filter(e -> EventTypes.ORDER_PAID.equals(e.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no paid event on " + Topics.ORDERS_LIFECYCLE));
        assertEquals("order-state-service", paidEvent.source());
        assertEquals(id, paidEvent.key());
        OrderLifecycleChanged paid = read(paidEvent.data(), OrderLifecycleChanged.class);
        assertEquals(OrderState.PAID, paid.to());
        assertNull(paid.from());
        assertEquals(FundingStatus.FULLY_PAID, paid.funding());
        assertEquals(List.of(sku1, sku2), paid.lines().stream().map(l -> l.sku()).toList());
        assertEquals(2, paid.lines().get(0).quantity());
        assertEquals("channel:shopify", paid.actor());

        // 2. inventory reserved the stock
        stock(kafka, EventTypes.STOCK_RESERVED, reserved(id, sku1, 2));
        await().atMost(WAIT).until(() -> stateOf(id).equals("STOCK_LOCKED"));
        getOrder(id).body("healthScore", equalTo(90));

        // 3. shipping before the label is refused, said why, and recorded
        act("warehouse", id, "ship", Map.of("trackingNumber", "SF1400000001")).statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("order " + id + " is STOCK_LOCKED; ship needs LABEL_PRINTED first"))
                .body("state", equalTo("STOCK_LOCKED"));

        // 4. the warehouse prints the label and ships
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF1400000001")).statusCode(200)
                .body("state", equalTo("LABEL_PRINTED"))
                .body("carrier", equalTo("SF"))
                .body("trackingNumber", equalTo("SF1400000001"))
                .body("healthScore", equalTo(100));
        act("warehouse", id, "ship", null).statusCode(200).body("state", equalTo("SHIPPED"));
        events = lifecycleUntil(kafka, id, EventTypes.ORDER_SHIPPED, 1);
        OrderLifecycleChanged shipped = read(events.stream().filter(e -> EventTypes.ORDER_SHIPPED.equals(e.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no shipped event")).data(), OrderLifecycleChanged.class);
        assertEquals(OrderState.LABEL_PRINTED, shipped.from());
        assertEquals("SF1400000001", shipped.trackingNumber());
        assertEquals("user:dev-warehouse", shipped.actor());

        // 5. the ERP full-sync pushes a snapshot saying PAID: refused, recorded with its actor, state stays SHIPPED
        kafka.publish(Topics.ORDERS_INGESTED, id, EventTypes.ORDER_INGESTED,
                paidShopifySnapshotJson(id, channelOrderId, sku1, sku2, t0.plusSeconds(3600)));
        await().atMost(WAIT).until(() -> timeline(id).stream().filter(e -> "REFUSAL".equals(e.get("kind"))).count() == 2);
        assertEquals("SHIPPED", stateOf(id));
        // the lifecycle entries (the write-back of the shipment to Shopify is recorded beside them when it completes:
        // asynchronously, after the commit — see WriteBackTest)
        List<Map<String, Object>> timeline = timeline(id).stream().filter(e -> !"WRITE_BACK".equals(e.get("kind"))).toList();
        assertEquals(List.of("TRANSITION", "TRANSITION", "REFUSAL", "TRANSITION", "TRANSITION", "REFUSAL"),
                timeline.stream().map(e -> e.get("kind")).toList());
        assertEquals(List.of("PAID", "STOCK_LOCKED", "SHIPPED", "LABEL_PRINTED", "SHIPPED", "PAID"),
                timeline.stream().map(e -> e.get("to")).toList());
        Map<String, Object> erpRefusal = timeline.get(5);
        assertEquals("SHIPPED", erpRefusal.get("from"));
        assertEquals("channel:shopify", erpRefusal.get("actor"));
        assertTrue(((String) erpRefusal.get("trigger")).contains("channel status paid"), (String) erpRefusal.get("trigger"));
        assertTrue(((String) erpRefusal.get("reason")).contains("a shipped order never goes backwards"));
        assertEquals(channelOrderId, ((Map<?, ?>) erpRefusal.get("snapshot")).get("channelOrderId"), "the snapshot that caused it is kept");
        Map<String, Object> shipRefusal = timeline.get(2);
        assertEquals("user:dev-warehouse", shipRefusal.get("actor"));
        assertEquals("ship", ((Map<?, ?>) shipRefusal.get("snapshot")).get("action"));

        events = lifecycleUntil(kafka, id, EventTypes.ORDER_TRANSITION_REFUSED, 2);
        List<OrderLifecycleChanged> refusals = events.stream().filter(e -> EventTypes.ORDER_TRANSITION_REFUSED.equals(e.type()))
                .map(e -> read(e.data(), OrderLifecycleChanged.class)).toList();
        assertEquals(2, refusals.size());
        assertTrue(refusals.get(1).refused());
        assertEquals(OrderState.SHIPPED, refusals.get(1).from());
        assertEquals(OrderState.PAID, refusals.get(1).to());
        assertEquals(List.of(EventTypes.ORDER_PAID, EventTypes.ORDER_STOCK_LOCKED, EventTypes.ORDER_TRANSITION_REFUSED,
                EventTypes.ORDER_LABEL_PRINTED, EventTypes.ORDER_SHIPPED, EventTypes.ORDER_TRANSITION_REFUSED),
                events.stream().map(KafkaTestClient.Event::type).toList(), "one event per transition and refusal, in order");
    }

    @Test
    void anErpFullSyncReplayingOldStatusesOnABatchOfShippedOrdersLeavesEveryOneShipped() {
        // the seeds' incident: a full-sync job pushed "awaiting shipment" onto 237 shipped orders at once
        int batch = 16;
        Instant t0 = Instant.parse("2026-11-11T00:05:00Z");
        List<String> ids = new java.util.ArrayList<>();
        Map<String, String> channelIds = new java.util.HashMap<>();
        for (int i = 0; i < batch; i++) {
            String id = OrderMother.globalOrderId();
            String channelOrderId = OrderMother.channelOrderId();
            ids.add(id);
            channelIds.put(id, channelOrderId);
            kafka.publish(Topics.ORDERS_INGESTED, id, EventTypes.ORDER_INGESTED,
                    paidShopifySnapshotJson(id, channelOrderId, "SYNC-A-" + i, "SYNC-B-" + i, t0));
        }
        for (int i = 0; i < batch; i++) {
            String id = ids.get(i);
            await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
            stock(kafka, EventTypes.STOCK_RESERVED, reserved(id, "SYNC-A-" + i, 2));
        }
        for (String id : ids) {
            await().atMost(WAIT).until(() -> stateOf(id).equals("STOCK_LOCKED"));
            act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF14" + id.substring(6))).statusCode(200);
            act("warehouse", id, "ship", null).statusCode(200).body("state", equalTo("SHIPPED"));
        }

        // the replay: every order's old PAID status again, half stamped newer than what the hub applied (the sync
        // job's own clock), half with their original, older platform time
        for (int i = 0; i < batch; i++) {
            String id = ids.get(i);
            Instant stamp = i % 2 == 0 ? t0.plusSeconds(7200) : t0.minusSeconds(60);
            kafka.publish(Topics.ORDERS_INGESTED, id, EventTypes.ORDER_INGESTED,
                    paidShopifySnapshotJson(id, channelIds.get(id), "SYNC-A-" + i, "SYNC-B-" + i, stamp));
        }

        for (String id : ids) {
            await().atMost(WAIT).until(() -> timeline(id).stream()
                    .anyMatch(e -> "REFUSAL".equals(e.get("kind")) && "SHIPPED".equals(e.get("from")) && "PAID".equals(e.get("to"))));
            assertEquals("SHIPPED", stateOf(id), id + " is still shipped");
            Map<String, Object> refusal = timeline(id).stream().filter(e -> "REFUSAL".equals(e.get("kind"))).findFirst().orElseThrow();
            assertEquals("channel:shopify", refusal.get("actor"), "the refusal names who sent the old status");
            assertTrue(((String) refusal.get("reason")).contains("a shipped order never goes backwards"), (String) refusal.get("reason"));
        }
        assertEquals(0, count("select count(*) from orders where global_order_id = any(string_to_array(?, ',')) and state <> 'SHIPPED'",
                String.join(",", ids)), "no order of the batch left SHIPPED");
        assertEquals(batch, count("select count(*) from orders where global_order_id = any(string_to_array(?, ',')) and state = 'SHIPPED'",
                String.join(",", ids)));
    }

    @Test
    void anExchangesReservationOnAShippedOrderLeavesItsLifecycleAlone() {
        String id = OrderMother.globalOrderId();
        String channelOrderId = OrderMother.channelOrderId();
        String sku = "EXCH-" + UUID.randomUUID();
        kafka.publish(Topics.ORDERS_INGESTED, id, EventTypes.ORDER_INGESTED,
                paidShopifySnapshotJson(id, channelOrderId, sku, sku + "-2", Instant.parse("2026-11-12T08:00:00Z")));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        stock(kafka, EventTypes.STOCK_RESERVED, reserved(id, sku, 2));
        await().atMost(WAIT).until(() -> stateOf(id).equals("STOCK_LOCKED"));
        act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF1499900001")).statusCode(200);
        act("warehouse", id, "ship", null).statusCode(200);

        String returnId = UUID.randomUUID().toString();
        io.orderhub.contract.payload.StockChanged exchange = new io.orderhub.contract.payload.StockChanged(id, FundingStatus.FULLY_PAID,
                List.of(new io.orderhub.contract.payload.StockChanged.Line(sku + "-L", "WH-SH", 1, 0, "EXCHANGE-" + returnId)),
                "exchange " + returnId + ": reserved", Instant.now(), returnId);
        stock(kafka, EventTypes.STOCK_RESERVED, exchange);
        // the exchange's units are skipped without a transaction (no inbox row): wait until the consumer is past them
        awaitConsumedToEnd(Topics.INVENTORY);
        assertEquals("SHIPPED", stateOf(id));
        assertEquals(0, timeline(id).stream().filter(e -> "REFUSAL".equals(e.get("kind"))).count(),
                "an exchange's units are not the order asking to be stock-locked again");
    }

    /** Waits until order-state's consumer group has committed every record now on {@code topic}. */
    private static void awaitConsumedToEnd(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                OrderHubTestResource.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            await().atMost(WAIT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("order-state-service")
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDuplicatedIngestedEventMakesOneOrderAndOnePaidEvent() {
        String id = OrderMother.globalOrderId();
        String channelOrderId = OrderMother.channelOrderId();
        String sku = "SKU-DUP-" + UUID.randomUUID();
        OrderIngested snapshot = OrderMother.paidTaobaoOrder(id, channelOrderId, Instant.parse("2026-11-11T00:00:09Z"), sku);
        String json = OrderMother.json(snapshot);
        String eventId = UUID.randomUUID().toString();
        kafka.publish(Topics.ORDERS_INGESTED, id, EventTypes.ORDER_INGESTED, eventId, json);
        kafka.publish(Topics.ORDERS_INGESTED, id, EventTypes.ORDER_INGESTED, eventId, json);   // redelivered: same ce_id
        String retry = kafka.publish(Topics.ORDERS_INGESTED, id, EventTypes.ORDER_INGESTED, json); // the platform's retry: new ce_id
        // same key, same partition, processed in order: once the retry is in the inbox, so are the two before it
        await().atMost(WAIT).until(() -> StateTestSupport.processed(retry));
        // inventory answers the paid event; once the stock-locked event is out, every earlier event has been relayed
        stock(kafka, EventTypes.STOCK_RESERVED, reserved(id, sku, 1));

        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, id, EventTypes.ORDER_STOCK_LOCKED, 1);
        assertEquals(1, ofType(events, EventTypes.ORDER_PAID), "exactly one paid event");
        assertEquals(1, ofType(events, EventTypes.ORDER_STOCK_LOCKED));
        assertEquals(1, count("select count(*) from orders where channel_order_id = ?", channelOrderId));
        assertEquals(1, count("select count(*) from order_line where global_order_id = ?", id));
        assertEquals(1, count("select count(*) from inbox_event where event_id = ?", eventId));
        assertEquals(List.of("TRANSITION", "TRANSITION"), timeline(id).stream().map(e -> e.get("kind")).toList());
        getOrder(id).body("channelIds", contains("taobao:demo:" + channelOrderId));
    }

    @Test
    void aLateDeliveredReportMovesForwardAndFillsTheGap() {
        String id = OrderMother.globalOrderId();
        String channelOrderId = OrderMother.channelOrderId();
        String sku = "SKU-LATE-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-11T00:00:09Z");
        StateTestSupport.ingest(kafka, OrderMother.paidTaobaoOrder(id, channelOrderId, t0, sku));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));

        StateTestSupport.ingest(kafka, OrderMother.taobaoSnapshot(id, channelOrderId, OrderState.DELIVERED, "TRADE_FINISHED",
                t0.plusSeconds(86_400 * 3), sku));
        await().atMost(WAIT).until(() -> stateOf(id).equals("DELIVERED"));

        List<Map<String, Object>> timeline = timeline(id);
        assertEquals(List.of("TRANSITION", "GAP_FILLED", "GAP_FILLED", "GAP_FILLED", "TRANSITION"),
                timeline.stream().map(e -> e.get("kind")).toList());
        assertEquals(List.of("PAID", "STOCK_LOCKED", "LABEL_PRINTED", "SHIPPED", "DELIVERED"),
                timeline.stream().map(e -> e.get("to")).toList());
        assertTrue(((String) timeline.get(3).get("reason")).contains("gap-filled: DELIVERED reported by channel:taobao implies SHIPPED"));

        // every step is announced, the shipped one included (inventory consumes the stock on it)
        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, id, EventTypes.ORDER_DELIVERED, 1);
        assertEquals(List.of(EventTypes.ORDER_PAID, EventTypes.ORDER_STOCK_LOCKED, EventTypes.ORDER_LABEL_PRINTED,
                EventTypes.ORDER_SHIPPED, EventTypes.ORDER_DELIVERED), events.stream().map(KafkaTestClient.Event::type).toList());
    }

    @Test
    void theChannelClosingBeforeShipmentClosesTheOrderAndAnOlderSnapshotIsIgnored() {
        String id = OrderMother.globalOrderId();
        String channelOrderId = OrderMother.channelOrderId();
        String sku = "SKU-CLOSE-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-11T00:00:09Z");
        StateTestSupport.ingest(kafka, OrderMother.paidTaobaoOrder(id, channelOrderId, t0.plusSeconds(60), sku));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));

        // an older snapshot (the pull delivering what the webhook already did) saying closed: ignored
        String old = StateTestSupport.ingest(kafka, OrderMother.taobaoSnapshot(id, channelOrderId, OrderState.CLOSED, "TRADE_CLOSED", t0, sku));
        await().atMost(WAIT).until(() -> StateTestSupport.processed(old));
        assertEquals("PAID", stateOf(id));

        StateTestSupport.ingest(kafka, OrderMother.taobaoSnapshot(id, channelOrderId, OrderState.CLOSED, "TRADE_CLOSED",
                t0.plusSeconds(120), sku));
        await().atMost(WAIT).until(() -> stateOf(id).equals("CLOSED"));
        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, id, EventTypes.ORDER_CLOSED, 1);
        OrderLifecycleChanged closed = read(events.get(events.size() - 1).data(), OrderLifecycleChanged.class);
        assertEquals(OrderState.PAID, closed.from());
        assertEquals(OrderState.CLOSED, closed.to());
        assertEquals(List.of(sku), closed.lines().stream().map(l -> l.sku()).toList(), "inventory releases these lines");
        getOrder(id).body("channelStatus", equalTo("TRADE_CLOSED"));
        assertFalse(timeline(id).stream().anyMatch(e -> "REFUSAL".equals(e.get("kind"))));
    }

    @Test
    void aStockRejectionHoldsTheOrderUntilTheStockIsReserved() {
        String id = OrderMother.globalOrderId();
        String sku = "SKU-SHORT-" + UUID.randomUUID();
        StateTestSupport.ingest(kafka, OrderMother.paidTaobaoOrder(id, OrderMother.channelOrderId(), Instant.now(), sku));
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));

        stock(kafka, EventTypes.STOCK_REJECTED, OrderMother.rejected(id, sku, 1, 1));
        await().atMost(WAIT).untilAsserted(() -> getOrder(id).body("holds", contains("STOCK_SHORTFALL")));
        StateTestSupport.lifecycleUntil(kafka, id, EventTypes.ORDER_HELD, 1);
        io.restassured.RestAssured.given().header("Authorization", StateTestSupport.bearer("ops"))
                .get("/orders?hold=STOCK_SHORTFALL&channel=taobao&size=200").then().statusCode(200)
                .body("items.globalOrderId", hasItem(id));

        stock(kafka, EventTypes.STOCK_RESERVED, reserved(id, sku, 1));
        await().atMost(WAIT).until(() -> stateOf(id).equals("STOCK_LOCKED"));
        getOrder(id).body("holds", empty());
        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, id, EventTypes.ORDER_STOCK_LOCKED, 1);
        assertEquals(List.of(EventTypes.ORDER_PAID, EventTypes.ORDER_HELD, EventTypes.ORDER_HOLD_RELEASED, EventTypes.ORDER_STOCK_LOCKED),
                events.stream().map(KafkaTestClient.Event::type).toList());
        timeline(id).stream().filter(e -> "HOLD".equals(e.get("kind"))).findFirst().ifPresentOrElse(
                e -> assertTrue(((String) e.get("reason")).contains("short 1")),
                () -> { throw new AssertionError("no HOLD entry"); });
    }

    @Test
    void aPresaleBalancePaidIsAnnouncedSoInventoryConvertsTheDeposit() {
        String id = OrderMother.globalOrderId();
        String sku = "SKU-PRESALE-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-10-21T12:00:00Z");
        OrderIngested deposit = OrderMother.withFunding(OrderMother.paidTaobaoOrder(id, OrderMother.channelOrderId(), t0, sku),
                OrderState.PAID, FundingStatus.DEPOSIT_FROZEN, t0);
        StateTestSupport.ingest(kafka, deposit);
        await().atMost(WAIT).until(() -> stateOf(id).equals("PAID"));
        getOrder(id).body("funding", equalTo("DEPOSIT_FROZEN"));

        StateTestSupport.ingest(kafka, OrderMother.withFunding(deposit, OrderState.PAID, FundingStatus.FULLY_PAID, t0.plusSeconds(86_400)));
        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, id, EventTypes.ORDER_BALANCE_PAID, 1);
        assertEquals(List.of(EventTypes.ORDER_PAID, EventTypes.ORDER_BALANCE_PAID), events.stream().map(KafkaTestClient.Event::type).toList());
        assertEquals(FundingStatus.DEPOSIT_FROZEN, read(events.get(0).data(), OrderLifecycleChanged.class).funding());
        assertEquals(FundingStatus.FULLY_PAID, read(events.get(1).data(), OrderLifecycleChanged.class).funding());
        getOrder(id).body("funding", equalTo("FULLY_PAID")).body("state", equalTo("PAID"));
        Map<String, Object> funding = timeline(id).get(1);
        assertEquals("FUNDING", funding.get("kind"));
        assertEquals("funding DEPOSIT_FROZEN → FULLY_PAID", funding.get("reason"));
    }

    @Test
    void aRefundBeforeShipmentClosesTheOrderAndAfterShipmentInterceptsIt() {
        String notShipped = OrderMother.globalOrderId();
        StateTestSupport.ingest(kafka, OrderMother.paidTaobaoOrder(notShipped, OrderMother.channelOrderId(), Instant.now(), "SKU-RF1"));
        await().atMost(WAIT).until(() -> stateOf(notShipped).equals("PAID"));
        kafka.publish(Topics.RETURNS, notShipped, EventTypes.RETURN_INTERCEPT_REQUESTED,
                OrderMother.json(OrderMother.refundRequestedBeforeShipment(notShipped)));
        await().atMost(WAIT).until(() -> stateOf(notShipped).equals("CLOSED"));
        List<KafkaTestClient.Event> events = lifecycleUntil(kafka, notShipped, EventTypes.ORDER_CLOSED, 1);
        OrderLifecycleChanged closed = read(events.get(events.size() - 1).data(), OrderLifecycleChanged.class);
        assertEquals("service:test", closed.actor());
        assertTrue(closed.reason().startsWith("refund requested before shipment"), closed.reason());

        String shipped = OrderMother.globalOrderId();
        StateTestSupport.ingest(kafka, OrderMother.paidTaobaoOrder(shipped, OrderMother.channelOrderId(), Instant.now(), "SKU-RF2"));
        await().atMost(WAIT).until(() -> stateOf(shipped).equals("PAID"));
        stock(kafka, EventTypes.STOCK_RESERVED, reserved(shipped, "SKU-RF2", 1));
        await().atMost(WAIT).until(() -> stateOf(shipped).equals("STOCK_LOCKED"));
        act("warehouse", shipped, "print-label", Map.of("carrier", "YTO", "trackingNumber", "YT100")).statusCode(200);
        act("warehouse", shipped, "ship", null).statusCode(200);
        kafka.publish(Topics.RETURNS, shipped, EventTypes.RETURN_INTERCEPT_REQUESTED,
                OrderMother.json(OrderMother.refundRequestedBeforeShipment(shipped)));
        await().atMost(WAIT).untilAsserted(() -> getOrder(shipped).body("conditions", contains("INTERCEPTED", "AFTER_SALE")));
        assertEquals("SHIPPED", stateOf(shipped));
    }

    @Test
    void aPoisonSnapshotGoesToTheDeadLetterTopic() {
        String key = "POISON-" + UUID.randomUUID();
        String bad = kafka.publish(Topics.ORDERS_INGESTED, key, EventTypes.ORDER_INGESTED, "{\"channel\": \"shopify\"}");
        List<KafkaTestClient.Event> dead = kafka.readUntil(Topics.dlq(Topics.ORDERS_INGESTED), WAIT,
                es -> es.stream().anyMatch(e -> bad.equals(e.id())));
        KafkaTestClient.Event event = dead.stream().filter(e -> bad.equals(e.id())).findFirst()
                .orElseThrow(() -> new AssertionError("not dead-lettered"));
        assertTrue(event.headers().get("dead-letter-reason").contains("globalOrderId"), event.headers().toString());
    }
}
