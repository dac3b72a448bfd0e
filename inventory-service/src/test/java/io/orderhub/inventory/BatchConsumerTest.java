package io.orderhub.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Topics;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.kit.outbox.Retention;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderhub.inventory.InventoryTestSupport.json;
import static io.orderhub.inventory.InventoryTestSupport.line;
import static io.orderhub.inventory.InventoryTestSupport.paidOrder;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer takes what one poll returns as one unit (one inbox statement, one transaction); a batch with a bad
 * event falls back to one-by-one, so the good events are applied once and the bad one reaches its dead-letter topic.
 * And the retention pass deletes published outbox rows and old inbox rows, nothing else.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BatchConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    MeterRegistry registry;
    @Inject
    Retention retention;
    @Inject
    Pool pool;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String bearer() {
        return "Bearer " + OrderHubTestResource.token("ops");
    }

    private static String orderId() {
        return "OH2026" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    private static long reserved(String sku) {
        Map<String, Object> level = given().header("Authorization", bearer()).get("/stock/{s}", sku).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        return ((Number) level.get("fullyPaidReserved")).longValue();
    }

    private double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aPollIsOneUnitAndABadEventInItFallsBackToOneByOne() {
        String sku = "SKU-BATCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().header("Authorization", bearer()).contentType(ContentType.JSON).body(Map.of("onHand", 1000))
                .put("/stock/{w}/{s}", "WH-1", sku).then().statusCode(200);
        double batchedBefore = counter("orderhub.consumer.batch.events");

        // 30 paid orders of 2 units, one of them delivered twice under the same event id, published back to back so
        // that polls return several at once; then the same again with a malformed PAID event in the middle
        List<String> orders = new ArrayList<>();
        String twiceId = UUID.randomUUID().toString();
        for (int i = 0; i < 30; i++) {
            String order = orderId();
            orders.add(order);
            String body = json(paidOrder(order, FundingStatus.FULLY_PAID, line("L1", sku, 2)));
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, i == 7 ? twiceId : UUID.randomUUID().toString(), body);
            if (i == 7) {
                kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, twiceId, body);
            }
            // a lifecycle event inventory does not act on: skipped from its header
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_STOCK_LOCKED, "{not even json");
        }
        await().atMost(WAIT).until(() -> reserved(sku) == 60);
        assertTrue(counter("orderhub.consumer.batch.events") > batchedBefore, "some polls held several events");

        String bad = orderId();
        for (int i = 0; i < 10; i++) {
            String order = orderId();
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID,
                    json(paidOrder(order, FundingStatus.FULLY_PAID, line("L1", sku, 1))));
            if (i == 5) {
                kafka.publish(Topics.ORDERS_LIFECYCLE, bad, EventTypes.ORDER_PAID, "{\"globalOrderId\": [broken");
            }
        }
        await().atMost(WAIT).until(() -> reserved(sku) == 70);
        List<KafkaTestClient.Event> dead = kafka.readUntil(Topics.dlq(Topics.ORDERS_LIFECYCLE), WAIT,
                es -> es.stream().anyMatch(e -> bad.equals(e.key())));
        assertEquals(1, dead.stream().filter(e -> bad.equals(e.key())).count(), "the bad event is dead-lettered once");
        // no other event of ours reached the dead-letter topic, and the redelivered one reserved nothing twice
        assertTrue(dead.stream().noneMatch(e -> orders.contains(e.key())));
        assertEquals(70, reserved(sku));
    }

    @Test
    void retentionDeletesPublishedOutboxRowsAndOldInboxRowsOnly() {
        OffsetDateTime old = OffsetDateTime.now().minusDays(30);
        String oldInbox = "retention-old-" + UUID.randomUUID();
        String newInbox = "retention-new-" + UUID.randomUUID();
        UUID oldPublished = UUID.randomUUID();
        UUID oldUnpublished = UUID.randomUUID();
        UUID newPublished = UUID.randomUUID();
        String insertInbox = "insert into inbox_event (event_id, consumer, event_type, processed_at) values ($1, 'test', 'x', $2)";
        String insertOutbox = "insert into outbox_event (id, topic, message_key, type, source, subject, occurred_at, payload, published_at) "
                + "values ($1, 'orderhub.test.v1', 'k', 'x', 'test', 's', $2, '{}', $3)";
        pool.preparedQuery(insertInbox).execute(Tuple.of(oldInbox, old)).await().indefinitely();
        pool.preparedQuery(insertInbox).execute(Tuple.of(newInbox, OffsetDateTime.now())).await().indefinitely();
        pool.preparedQuery(insertOutbox).execute(Tuple.of(oldPublished, old, old)).await().indefinitely();
        // an old row not yet published stays (the relay publishes it meanwhile, which makes it a fresh published row)
        pool.preparedQuery(insertOutbox).execute(Tuple.of(oldUnpublished, old, null)).await().indefinitely();
        pool.preparedQuery(insertOutbox).execute(Tuple.of(newPublished, old, OffsetDateTime.now())).await().indefinitely();

        retention.run().await().indefinitely();

        assertEquals(0, count("select count(*) from inbox_event where event_id = $1", oldInbox));
        assertEquals(1, count("select count(*) from inbox_event where event_id = $1", newInbox));
        assertEquals(0, count("select count(*) from outbox_event where id = $1", oldPublished));
        assertEquals(1, count("select count(*) from outbox_event where id = $1", newPublished));
        assertEquals(1, count("select count(*) from outbox_event where id = $1", oldUnpublished));
    }

    private long count(String sql, Object value) {
        return pool.preparedQuery(sql).execute(Tuple.of(value)).await().indefinitely().iterator().next().getLong(0);
    }
}
