package io.orderhub.inventory;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.inventory.service.ReservationService;
import io.orderhub.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.orderhub.inventory.InventoryTestSupport.json;
import static io.orderhub.inventory.InventoryTestSupport.line;
import static io.orderhub.inventory.InventoryTestSupport.paidOrder;
import static io.orderhub.inventory.InventoryTestSupport.transition;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InventoryFlowTest {
    private static KafkaTestClient kafka;

    @Inject
    Outbox outbox;
    @Inject
    ReservationService reservations;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String bearer(String role) {
        return "Bearer " + OrderHubTestResource.token(role);
    }

    private static String orderId() {
        return "OH2026" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    private static void setStock(String warehouse, String sku, int onHand) {
        given().header("Authorization", bearer("warehouse")).contentType(ContentType.JSON)
                .body(Map.of("onHand", onHand))
                .put("/stock/{w}/{s}", warehouse, sku)
                .then().statusCode(200).body("onHand", equalTo(onHand));
    }

    private static int reserved(String sku) {
        return given().header("Authorization", bearer("ops")).get("/stock/{s}", sku)
                .then().statusCode(200).extract().path("fullyPaidReserved");
    }

    @Test
    void stockEndpointsNeedABearerToken() {
        given().get("/stock/ANY").then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", containsString("bearer token"));
    }

    @Test
    void badStockBodyIsAProblemSayingWhatToFix() {
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"onHand\": -3}")
                .put("/stock/W1/SKU-BAD")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("onHand"));
    }

    @Test
    void unknownSkuIsNotFound() {
        given().header("Authorization", bearer("cs")).get("/stock/NO-SUCH-SKU")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("PUT /stock/"));
    }

    @Test
    void paidOrderIsReservedAndShippingConsumesIt() {
        String sku = "SKU-FLOW-" + UUID.randomUUID();
        setStock("WH-SH", sku, 5);
        String order = orderId();
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID,
                json(paidOrder(order, FundingStatus.FULLY_PAID, line("L1", sku, 2))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", bearer("ops")).get("/reservations/{id}", order)
                        .then().statusCode(200).body("$", hasSize(1)).body("[0].status", equalTo("RESERVED")));
        given().header("Authorization", bearer("ops")).get("/stock/{s}", sku).then()
                .body("fullyPaidReserved", equalTo(2)).body("available", equalTo(3.0f));

        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.INVENTORY, order, Duration.ofSeconds(30),
                es -> es.stream().anyMatch(e -> EventTypes.STOCK_RESERVED.equals(e.type())));
        KafkaTestClient.Event reservedEvent = events.stream().filter(e -> EventTypes.STOCK_RESERVED.equals(e.type()))
                .findFirst().orElseThrow();
        assertEquals("inventory-service", reservedEvent.source());
        assertEquals(order, reservedEvent.key());
        assertTrue(reservedEvent.data().contains(sku));

        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_SHIPPED,
                json(transition(order, OrderState.LABEL_PRINTED, OrderState.SHIPPED)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", bearer("ops")).get("/reservations/{id}", order)
                        .then().body("[0].status", equalTo("CONSUMED")));
        given().header("Authorization", bearer("ops")).get("/stock/{s}", sku).then()
                .body("onHand", equalTo(3)).body("fullyPaidReserved", equalTo(0)).body("available", equalTo(3.0f));
    }

    @Test
    void insufficientStockIsRejectedWithTheShortfallAndHoldsNothing() {
        String sku = "SKU-SHORT-" + UUID.randomUUID();
        setStock("WH-SH", sku, 1);
        String order = orderId();
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID,
                json(paidOrder(order, FundingStatus.FULLY_PAID, line("L1", sku, 3))));
        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.INVENTORY, order, Duration.ofSeconds(30),
                es -> es.stream().anyMatch(e -> EventTypes.STOCK_REJECTED.equals(e.type())));
        KafkaTestClient.Event rejected = events.stream().filter(e -> EventTypes.STOCK_REJECTED.equals(e.type()))
                .findFirst().orElseThrow(() -> new AssertionError("no rejection published"));
        assertTrue(rejected.data().contains("\"shortfall\":2"), rejected.data());
        assertEquals(0, reserved(sku));
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        String sku = "SKU-REDELIVER-" + UUID.randomUUID();
        setStock("WH-SH", sku, 10);
        String order = orderId();
        String paidId = kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID,
                json(paidOrder(order, FundingStatus.FULLY_PAID, line("L1", sku, 2))));
        await().atMost(Duration.ofSeconds(30)).until(() -> reserved(sku) == 2);
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_CLOSED,
                json(transition(order, OrderState.STOCK_LOCKED, OrderState.CLOSED)));
        await().atMost(Duration.ofSeconds(30)).until(() -> reserved(sku) == 0);

        // the same PAID event again (same ce_id): without the inbox it would reserve again
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, paidId,
                json(paidOrder(order, FundingStatus.FULLY_PAID, line("L1", sku, 2))));
        // a marker behind it on the same key (same partition): once it is processed, so is the redelivery
        // (a second close: releasing a released reservation changes nothing)
        String marker = kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_CLOSED,
                json(transition(order, OrderState.STOCK_LOCKED, OrderState.CLOSED)));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxHas(marker));

        assertEquals(0, reserved(sku));
        given().header("Authorization", bearer("ops")).get("/reservations/{id}", order)
                .then().body("$", hasSize(1)).body("[0].status", equalTo("RELEASED"));
    }

    @Test
    void lifecycleEventsThatNeedNothingFromStockCostNoTransaction() throws Exception {
        String sku = "SKU-SKIP-" + UUID.randomUUID();
        setStock("WH-SH", sku, 5);
        String order = orderId();
        String locked = kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_STOCK_LOCKED,
                json(transition(order, OrderState.PAID, OrderState.STOCK_LOCKED)));
        String printed = kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_LABEL_PRINTED,
                json(transition(order, OrderState.STOCK_LOCKED, OrderState.LABEL_PRINTED)));
        // behind them on the same partition: an event inventory acts on
        String paid = kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID,
                json(paidOrder(order, FundingStatus.FULLY_PAID, line("L1", sku, 2))));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxHas(paid));

        assertEquals(2, reserved(sku), "the paid event behind the skipped ones was processed");
        assertFalse(inboxHas(locked), "a skipped event leaves no inbox row (it had no transaction)");
        assertFalse(inboxHas(printed));
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopic() {
        String key = "POISON-" + UUID.randomUUID();
        kafka.publishRaw(Topics.ORDERS_LIFECYCLE, key, "this is not a CloudEvent");
        String badData = kafka.publish(Topics.ORDERS_LIFECYCLE, key, EventTypes.ORDER_PAID, "{not json");
        List<KafkaTestClient.Event> dead = kafka.readUntil(Topics.dlq(Topics.ORDERS_LIFECYCLE), Duration.ofSeconds(30),
                es -> es.stream().filter(e -> key.equals(e.key())).count() >= 2);
        List<KafkaTestClient.Event> ours = dead.stream().filter(e -> key.equals(e.key())).toList();
        assertEquals(2, ours.size(), "both poison events are dead-lettered");
        assertTrue(ours.stream().anyMatch(e -> badData.equals(e.id())));
        assertTrue(ours.stream().allMatch(e -> e.headers().containsKey("dead-letter-reason")), "the error travels with it");
    }

    @Test
    void anEventWhoseTransactionRollsBackIsNeverPublished() throws Throwable {
        String key = "ROLLBACK-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(() ->
                Panache.withTransaction(() -> outbox.add(Topics.INVENTORY, "test.rolled-back.v1", key, key, Map.of("n", 1))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the use case failed"))))));
        VertxContextSupport.subscribeAndAwait(() ->
                Panache.withTransaction(() -> outbox.add(Topics.INVENTORY, "test.committed.v1", key, key, Map.of("n", 2))));

        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.INVENTORY, key, Duration.ofSeconds(30),
                es -> es.stream().anyMatch(e -> "test.committed.v1".equals(e.type())));
        assertTrue(events.stream().anyMatch(e -> "test.committed.v1".equals(e.type())), "the committed event is relayed");
        assertFalse(events.stream().anyMatch(e -> "test.rolled-back.v1".equals(e.type())), "the rolled-back one never is");
        assertEquals(0, count("select count(*) from outbox_event where subject = ? and type = 'test.rolled-back.v1'", key));
    }

    @Test
    void hundredsOfConcurrentOrdersForTheLastTenUnitsReserveExactlyTen() throws Exception {
        String sku = "SKU-LAST-TEN-" + UUID.randomUUID();
        setStock("WH-SH", sku, 10);
        int orders = 300;
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String order = orderId();
                futures.add(pool.submit(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                                reservations.reserve(paidOrder(order, FundingStatus.FULLY_PAID, line("L1", sku, 1)))));
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, reserved(sku));
        assertEquals(10, count("select count(*) from reservation where sku = ? and status = 'RESERVED'", sku));
        given().header("Authorization", bearer("ops")).get("/stock/{s}", sku).then().body("available", equalTo(0.0f));
    }

    private static boolean inboxHas(String eventId) throws Exception {
        return count("select count(*) from inbox_event where event_id = ?", eventId) == 1;
    }

    private static int count(String sql, String param) throws Exception {
        var pg = OrderHubTestResource.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
