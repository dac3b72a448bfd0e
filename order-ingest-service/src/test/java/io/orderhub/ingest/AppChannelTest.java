package io.orderhub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.devstack.sim.marketplace.Delivery;
import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.orderhub.devstack.sim.marketplace.SimOrder;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.ingest.domain.signature.AppVerifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.orderhub.ingest.IngestDb.count;
import static io.orderhub.ingest.IngestDb.text;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generic channel ({@code app}): a retailer's own app pushing the hub's documented format over HTTP — signature
 * good, forged, stale and replayed — through PostgreSQL and Kafka; the simulator's app pushing (concurrent retries,
 * out of order) and serving the pull API that catches a missed webhook.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MarketplaceSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AppChannelTest {
    private static final String SECRET = "demo-secret";
    private static final String PROBLEM = "application/problem+json";
    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() % 10_000_000_000L);
    private static KafkaTestClient kafka;
    private MarketplaceSimulator sim;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void aim() {
        sim = MarketplaceSimulatorResource.target(RestAssured.port);
    }

    /** The project's paid app order under a fresh order id (and optionally another status and update time). */
    private static byte[] paidOrder(String orderId) {
        return Fixtures.text("/fixtures/app/paid-two-lines.json").replace("MP2026112200123", orderId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] shippedLater(String orderId) {
        return new String(paidOrder(orderId), StandardCharsets.UTF_8).replace("\"status\":\"paid\"", "\"status\":\"shipped\"")
                .replace("\"updated_at\":\"2026-11-22T10:16:02+08:00\"", "\"updated_at\":\"2026-11-22T15:40:00+08:00\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String newOrderId() {
        return "MPT" + NEXT.incrementAndGet();
    }

    /** A push as a retailer's app sends it, signed at {@code signedAt} with {@code secret}. */
    private static Response push(byte[] body, String deliveryId, Instant signedAt, String secret) {
        String timestamp = String.valueOf(signedAt.getEpochSecond());
        return given().contentType("application/json")
                .header(AppVerifier.TIMESTAMP, timestamp)
                .header(AppVerifier.SIGNATURE, AppVerifier.sign(secret, timestamp, body))
                .header(AppVerifier.DELIVERY_ID, deliveryId)
                .header(AppVerifier.EVENT, "order.updated")
                .body(body).post("/webhooks/app/demo");
    }

    private static Response push(byte[] body, String deliveryId) {
        return push(body, deliveryId, Instant.now(), SECRET);
    }

    private static String ops() {
        return "Bearer " + OrderHubTestResource.token("ops");
    }

    private List<OrderIngested> events(String globalOrderId, int atLeast) throws Exception {
        List<KafkaTestClient.Event> read = kafka.readSubject(Topics.ORDERS_INGESTED, globalOrderId, Duration.ofSeconds(30),
                es -> es.size() >= atLeast);
        List<OrderIngested> out = new java.util.ArrayList<>();
        for (KafkaTestClient.Event e : read) {
            out.add(mapper.readValue(e.data(), OrderIngested.class));
        }
        return out;
    }

    private static int publishedEvents(String globalOrderId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("select count(*) from outbox_event where subject = ? and published_at is null", globalOrderId) == 0);
        return count("select count(*) from outbox_event where subject = ?", globalOrderId);
    }

    private static String awaitGlobalId(String orderId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response r = given().header("Authorization", ops()).get("/channel-orders/app/demo/{id}", orderId);
            id[0] = r.statusCode() == 200 ? r.path("globalOrderId") : null;
            return id[0] != null;
        });
        return id[0];
    }

    @Test
    void aSignedAppOrderIsOneEventAndItsIdsAreFoundBothWays() throws Exception {
        String orderId = newOrderId();
        String globalId = push(paidOrder(orderId), UUID.randomUUID().toString())
                .then().statusCode(202)
                .body("duplicate", equalTo(false))
                .body("globalOrderId", matchesPattern("OH20\\d\\d[0-9A-HJKMNP-TV-Z]{8}"))
                .extract().path("globalOrderId");

        List<OrderIngested> events = events(globalId, 1);
        assertEquals(1, events.size());
        OrderIngested e = events.get(0);
        assertEquals("app", e.channel());
        assertEquals(orderId, e.channelOrderId());
        assertEquals(OrderState.PAID, e.status());
        assertEquals(0, new BigDecimal("386.00").compareTo(e.total().amount()));
        assertEquals("CNY", e.total().currency());
        assertEquals(0, new BigDecimal("7.72").compareTo(e.fees().get("CHANNEL_FEE").amount()), "platform_commission → CHANNEL_FEE");
        assertEquals(List.of("TEA-LJ-250", "CUP-GL-2"), e.lines().stream().map(l -> l.sku()).toList());
        assertEquals(Instant.parse("2026-11-22T02:16:02Z"), e.channelUpdatedAt());
        assertEquals("杭州市", e.shippingAddress().city());

        // channel id → global id, and global id → every channel id
        String channelId = "app:demo:" + orderId;
        given().header("Authorization", ops()).get("/channel-orders/app/demo/{id}", orderId)
                .then().statusCode(200).body("globalOrderId", equalTo(globalId)).body("channelIds", equalTo(List.of(channelId)));
        given().header("Authorization", ops()).queryParam("globalOrderId", globalId).get("/channel-orders")
                .then().statusCode(200).body("globalOrderId", equalTo(globalId)).body("channelIds", equalTo(List.of(channelId)));
        given().header("Authorization", ops()).get("/channel-orders/app/demo/{id}", "MP-NO-SUCH-ORDER")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aForgedOrStaleSignatureIs401AndNothingIsStored() {
        String orderId = newOrderId();
        String forged = UUID.randomUUID().toString();
        push(paidOrder(orderId), forged, Instant.now(), "not-the-shop-secret")
                .then().statusCode(401).contentType(PROBLEM)
                .body("detail", containsString("X-OrderHub-Signature does not match"));
        String stale = UUID.randomUUID().toString();
        push(paidOrder(orderId), stale, Instant.now().minus(Duration.ofMinutes(6)), SECRET)
                .then().statusCode(401).contentType(PROBLEM)
                .body("detail", containsString("more than PT5M away from now"));
        String early = UUID.randomUUID().toString();
        push(paidOrder(orderId), early, Instant.now().plus(Duration.ofMinutes(6)), SECRET).then().statusCode(401);
        String unsigned = UUID.randomUUID().toString();
        given().contentType("application/json").header(AppVerifier.DELIVERY_ID, unsigned).body(paidOrder(orderId))
                .post("/webhooks/app/demo").then().statusCode(401).body("detail", containsString("X-OrderHub-Timestamp"));
        for (String deliveryId : List.of(forged, stale, early, unsigned)) {
            assertEquals(0, count("select count(*) from raw_payload where delivery_id = ?", deliveryId), deliveryId);
        }
        assertEquals(404, given().header("Authorization", ops()).get("/channel-orders/app/demo/{id}", orderId).statusCode());

        // a clock 4 minutes off is still inside the documented ±5 minutes
        push(paidOrder(orderId), UUID.randomUUID().toString(), Instant.now().minus(Duration.ofMinutes(4)), SECRET)
                .then().statusCode(202);
    }

    @Test
    void aRetryIsADuplicateAndADeliveryIdReusedForOtherBytesIs409KeptForReplay() throws Exception {
        String orderId = newOrderId();
        String deliveryId = UUID.randomUUID().toString();
        String globalId = push(paidOrder(orderId), deliveryId).then().statusCode(202).body("duplicate", equalTo(false))
                .extract().path("globalOrderId");
        // the app retries (re-signed with a new timestamp, same bytes): one delivery
        push(paidOrder(orderId), deliveryId, Instant.now().plusSeconds(2), SECRET)
                .then().statusCode(202).body("duplicate", equalTo(true)).body("globalOrderId", equalTo(globalId));

        // the same delivery id with other bytes is not a retry
        byte[] other = shippedLater(orderId);
        String conflictRaw = push(other, deliveryId).then().statusCode(409).contentType(PROBLEM)
                .body("title", equalTo("Conflict"))
                .body("problem", equalTo("CONFLICT"))
                .body("quarantined", equalTo(true))
                .body("detail", containsString("already used for a different body"))
                .extract().path("rawPayloadId");
        push(other, deliveryId).then().statusCode(409).body("rawPayloadId", equalTo(conflictRaw)).body("duplicate", equalTo(true));
        given().header("Authorization", ops()).get("/quarantine/{id}", conflictRaw).then().statusCode(200)
                .body("problem", equalTo("CONFLICT")).body("body", equalTo(new String(other, StandardCharsets.UTF_8)));
        assertEquals(1, count("select count(*) from raw_payload where delivery_id = ?", deliveryId), "the first delivery stands");
        assertEquals(1, publishedEvents(globalId), "nothing published for the conflicting body");

        // genuine after all: replayed from the quarantine it is the order's newer update
        given().header("Authorization", ops()).post("/quarantine/{id}/replay", conflictRaw).then().statusCode(200);
        List<OrderIngested> events = events(globalId, 2);
        assertEquals(OrderState.SHIPPED, events.get(events.size() - 1).status());
        assertEquals(2, publishedEvents(globalId));
    }

    @Test
    void theSimulatorsAppPushesSignedRetriesAtOnceAndOutOfOrder() throws Exception {
        SimOrder o = sim.createOrder(MarketplaceSimulator.APP, "demo");
        List<Delivery> burst = sim.pushConcurrently(MarketplaceSimulator.APP, "demo", o.orderId(), 3, true);
        List<String> ids = new java.util.ArrayList<>();
        for (Delivery d : burst) {
            assertEquals(202, d.status(), d.answer());
            ids.add(mapper.readTree(d.answer()).path("globalOrderId").asText());
        }
        assertEquals(1, ids.stream().distinct().count(), "three deliveries at once, one global id: " + ids);
        String globalId = ids.get(0);
        assertEquals(1, publishedEvents(globalId));

        sim.update(MarketplaceSimulator.APP, "demo", o.orderId(), x -> x.shipped("SF", "SF1400000777"));
        List<Delivery> outOfOrder = sim.pushOutOfOrder(MarketplaceSimulator.APP, "demo", o.orderId());
        assertEquals(2, outOfOrder.get(0).version());
        // (the scheduled pull may have brought version 2 a moment earlier: then it is a duplicate, never stale)
        assertTrue(!outOfOrder.get(0).answer().contains("\"stale\""), outOfOrder.get(0).answer());
        assertEquals(1, outOfOrder.get(1).version());
        assertTrue(outOfOrder.get(1).answer().contains("\"stale\":true"), "the older version arrives last: " + outOfOrder.get(1).answer());
        List<OrderIngested> events = events(globalId, 2);
        assertEquals(OrderState.SHIPPED, events.get(events.size() - 1).status(), "the newest wins");
        assertEquals(2, publishedEvents(globalId));
    }

    @Test
    void aMissedAppWebhookArrivesByThePullAndOneOrderCanBeFetchedNow() throws Exception {
        SimOrder missed = sim.createOrder(MarketplaceSimulator.APP, "demo"); // never pushed
        String globalId = awaitGlobalId(missed.orderId());
        assertEquals(1, publishedEvents(globalId));
        OrderIngested e = events(globalId, 1).get(0);
        assertEquals(0, BigDecimal.valueOf(missed.totalMinor(), 2).compareTo(e.total().amount()));
        assertEquals("PULL", text("select source from raw_payload where id = cast(? as uuid)", e.rawPayloadId()));
        assertTrue(sim.apiCalls().stream().anyMatch(c -> c.channel().equals("app") && c.api().startsWith("GET /app/demo/orderhub/v1/orders")
                && c.status() == 200));

        // ops can fetch one order now through the same guarded client
        SimOrder another = sim.createOrder(MarketplaceSimulator.APP, "demo");
        given().header("Authorization", ops()).post("/pulls/app/demo/orders/{id}", another.orderId())
                .then().statusCode(200).body("globalOrderId", matchesPattern("OH20.*"));
        given().header("Authorization", ops()).post("/pulls/app/demo/orders/{id}", "MP-NO-SUCH-ORDER")
                .then().statusCode(503).contentType(PROBLEM).body("detail", containsString("404"));
    }
}
