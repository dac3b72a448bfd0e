package io.orderhub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.ingest.domain.GlobalOrderIds;
import io.orderhub.ingest.domain.signature.ShopifyVerifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static io.orderhub.ingest.IngestDb.count;
import static io.orderhub.ingest.IngestDb.text;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shopify webhooks end to end: real HTTP, real PostgreSQL, real Kafka. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MarketplaceSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ShopifyWebhookFlowTest {
    private static final String SECRET = "demo-secret";
    /** Ids of this test's own orders, far from the fixtures' ids. */
    private static final AtomicLong NEXT_ID = new AtomicLong(7_000_000_000_000L + (System.nanoTime() % 1_000_000L) * 1000);
    private static KafkaTestClient kafka;

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

    static Response post(byte[] body, String webhookId, String hmac) {
        var request = given().contentType(ContentType.JSON)
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", "sanshan-studio.myshopify.com")
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", webhookId);
        if (hmac != null) {
            request = request.header("X-Shopify-Hmac-Sha256", hmac);
        }
        return request.body(body).post("/webhooks/shopify/demo");
    }

    static Response postSigned(byte[] body, String webhookId) {
        return post(body, webhookId, ShopifyVerifier.sign(SECRET, body));
    }

    static String bearer(String role) {
        return "Bearer " + OrderHubTestResource.token(role);
    }

    private List<OrderIngested> ingestedEvents(String globalOrderId, int atLeast) {
        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ORDERS_INGESTED, globalOrderId, Duration.ofSeconds(30),
                es -> es.size() >= atLeast);
        List<OrderIngested> out = new ArrayList<>();
        for (KafkaTestClient.Event e : events) {
            assertEquals(EventTypes.ORDER_INGESTED, e.type());
            assertEquals("order-ingest-service", e.source());
            assertEquals(globalOrderId, e.key(), "keyed by the global id");
            try {
                out.add(mapper.readValue(e.data(), OrderIngested.class));
            } catch (Exception ex) {
                throw new AssertionError("event data is not an OrderIngested: " + e.data(), ex);
            }
        }
        return out;
    }

    /** Waits until the relay has published every outbox row of the order, then counts them. */
    private static int publishedEvents(String globalOrderId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("select count(*) from outbox_event where subject = ? and published_at is null", globalOrderId) == 0);
        return count("select count(*) from outbox_event where subject = ?", globalOrderId);
    }

    @Test
    void theSignedOrdersCreateWebhookIsIngestedAndPublishedOnce() {
        String globalOrderId = postSigned(ShopifyOrders.paidOrder(), ShopifyOrders.PAID_WEBHOOK_ID)
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .body("duplicate", equalTo(false))
                .body("quarantined", nullValue())
                .extract().path("globalOrderId");
        assertTrue(GlobalOrderIds.isValid(globalOrderId), globalOrderId);

        List<OrderIngested> events = ingestedEvents(globalOrderId, 1);
        assertEquals(1, events.size());
        OrderIngested event = events.get(0);
        assertEquals(globalOrderId, event.globalOrderId());
        assertEquals("shopify", event.channel());
        assertEquals("demo", event.shop());
        assertEquals(ShopifyOrders.PAID_ID, event.channelOrderId());
        assertEquals(OrderState.PAID, event.status());
        assertEquals(FundingStatus.FULLY_PAID, event.funding());
        assertEquals(0, new BigDecimal("95.72").compareTo(event.total().amount()));
        assertEquals("USD", event.total().currency());
        assertEquals(2, event.lines().size());
        OrderLine first = event.lines().get(0);
        OrderLine second = event.lines().get(1);
        assertEquals("SS-POUR-SET-WHT", first.sku());
        assertEquals(1, first.quantity());
        assertEquals("SS-FILTER-100", second.sku());
        assertEquals(2, second.quantity());
        assertEquals(Instant.parse("2026-11-19T15:23:47Z"), event.channelUpdatedAt());
        assertTrue(event.shippingAddress().complete());
        assertEquals(1, publishedEvents(globalOrderId));

        // the raw body is archived byte for byte, with its delivery id and topic
        String rawId = event.rawPayloadId();
        assertEquals(new String(ShopifyOrders.paidOrder(), java.nio.charset.StandardCharsets.UTF_8),
                text("select body from raw_payload where id = cast(? as uuid)", rawId));
        assertEquals("PROCESSED", text("select status from raw_payload where id = cast(? as uuid)", rawId));
        assertEquals("orders/create", text("select topic from raw_payload where id = cast(? as uuid)", rawId));

        // the identity map answers both ways
        given().header("Authorization", bearer("cs"))
                .get("/channel-orders/shopify/demo/{id}", ShopifyOrders.PAID_ID)
                .then().statusCode(200)
                .body("globalOrderId", equalTo(globalOrderId))
                .body("channelIds", equalTo(List.of("shopify:demo:" + ShopifyOrders.PAID_ID)));
        given().header("Authorization", bearer("warehouse"))
                .queryParam("globalOrderId", globalOrderId).get("/channel-orders")
                .then().statusCode(200).body("channelIds", hasItem("shopify:demo:" + ShopifyOrders.PAID_ID));

        // Shopify retries the same delivery: same id, duplicate, nothing more published
        postSigned(ShopifyOrders.paidOrder(), ShopifyOrders.PAID_WEBHOOK_ID)
                .then().statusCode(202)
                .body("globalOrderId", equalTo(globalOrderId))
                .body("duplicate", equalTo(true));
        assertEquals(1, publishedEvents(globalOrderId));
        assertEquals(1, count("select count(*) from raw_payload where delivery_id = ?", ShopifyOrders.PAID_WEBHOOK_ID));
    }

    @Test
    void aForgedSignatureIsRefusedAndLeavesNoTrace() {
        long id = NEXT_ID.incrementAndGet();
        byte[] body = ShopifyOrders.paidOrder(id);
        String webhookId = UUID.randomUUID().toString();
        // signed with another secret
        post(body, webhookId, ShopifyVerifier.sign("not-the-shop-secret", body))
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", containsString("X-Shopify-Hmac-Sha256"));
        // the right signature of another body
        post(body, webhookId, ShopifyVerifier.sign(SECRET, ShopifyOrders.paidOrder(id + 1)))
                .then().statusCode(401).contentType("application/problem+json");
        // no signature at all
        post(body, webhookId, null)
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("send the X-Shopify-Hmac-Sha256 header"));

        assertEquals(0, count("select count(*) from raw_payload where delivery_id = ?", webhookId));
        assertEquals(0, count("select count(*) from channel_order where channel_order_id = ?", String.valueOf(id)));
        assertEquals(0, count("select count(*) from outbox_event where payload like ?", "%\"channelOrderId\":\"" + id + "\"%"));
        given().header("Authorization", bearer("ops")).get("/channel-orders/shopify/demo/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anUnknownShopOrChannelIsRefused() {
        byte[] body = ShopifyOrders.paidOrder(NEXT_ID.incrementAndGet());
        given().contentType(ContentType.JSON).header("X-Shopify-Hmac-Sha256", ShopifyVerifier.sign(SECRET, body))
                .body(body).post("/webhooks/shopify/no-such-shop")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no-such-shop"));
        given().contentType(ContentType.JSON).body(body).post("/webhooks/myspace/demo")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("shopify"));
    }

    @Test
    void threeConcurrentDeliveriesOfOneWebhookGiveOneGlobalIdAndOneEvent() throws Exception {
        byte[] body = ShopifyOrders.paidOrder(NEXT_ID.incrementAndGet());
        String webhookId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return postSigned(body, webhookId);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            int duplicates = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertEquals(202, r.statusCode(), r.asString());
                ids.add(r.path("globalOrderId"));
                if (Boolean.TRUE.equals(r.path("duplicate"))) {
                    duplicates++;
                }
            }
            assertEquals(1, ids.stream().distinct().count(), "one global id: " + ids);
            assertEquals(2, duplicates, "two of three answers are duplicates");
            String globalOrderId = ids.get(0);
            assertEquals(1, publishedEvents(globalOrderId));
            assertEquals(1, ingestedEvents(globalOrderId, 1).size());
            assertEquals(1, count("select count(*) from raw_payload where delivery_id = ?", webhookId));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameOrderFromTwoDeliveriesAtOnceIsStillOneOrder() throws Exception {
        // webhook + pull (or two subscriptions) deliver the same snapshot under different delivery ids
        byte[] body = ShopifyOrders.paidOrder(NEXT_ID.incrementAndGet());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return postSigned(body, UUID.randomUUID().toString());
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            int fresh = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertEquals(202, r.statusCode(), r.asString());
                ids.add(r.path("globalOrderId"));
                fresh += Boolean.FALSE.equals(r.path("duplicate")) ? 1 : 0;
            }
            assertEquals(1, ids.stream().distinct().count(), "one global id: " + ids);
            assertEquals(1, fresh, "one delivery published, the others found the same update");
            assertEquals(1, publishedEvents(ids.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOlderUpdateAfterANewerOneIsKeptButNotPublished() {
        long id = NEXT_ID.incrementAndGet();
        String newer = "2026-11-19T10:40:00-05:00";
        String older = "2026-11-19T10:30:00-05:00";
        String globalOrderId = postSigned(ShopifyOrders.paidOrder(id, newer), UUID.randomUUID().toString())
                .then().statusCode(202).body("duplicate", equalTo(false)).extract().path("globalOrderId");

        String lateWebhook = UUID.randomUUID().toString();
        postSigned(ShopifyOrders.paidOrder(id, older), lateWebhook)
                .then().statusCode(202)
                .body("globalOrderId", equalTo(globalOrderId))
                .body("duplicate", equalTo(false))
                .body("stale", equalTo(true))
                .body("rawPayloadId", notNullValue());
        assertEquals("STALE", text("select status from raw_payload where delivery_id = ?", lateWebhook));

        assertEquals(1, publishedEvents(globalOrderId), "the older update is not published");
        List<OrderIngested> events = ingestedEvents(globalOrderId, 1);
        assertEquals(1, events.size());
        assertEquals(Instant.parse("2026-11-19T15:40:00Z"), events.get(0).channelUpdatedAt());
        assertEquals(Instant.parse("2026-11-19T15:40:00Z"),
                Instant.parse(given().header("Authorization", bearer("ops"))
                        .get("/channel-orders/shopify/demo/{id}", id).then().statusCode(200)
                        .extract().<String>path("channelUpdatedAt")));

        // a newer one after that is published again
        postSigned(ShopifyOrders.paidOrder(id, "2026-11-19T11:00:00-05:00"), UUID.randomUUID().toString())
                .then().statusCode(202).body("duplicate", equalTo(false)).body("stale", nullValue());
        assertEquals(2, publishedEvents(globalOrderId));
    }

    @Test
    void aMalformedSignedBodyIsQuarantinedListedAndReplayable() {
        long id = NEXT_ID.incrementAndGet();
        String webhookId = UUID.randomUUID().toString();
        String rawId = postSigned(ShopifyOrders.truncatedOrder(id), webhookId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("quarantined", equalTo(true))
                .body("problem", equalTo("MALFORMED"))
                .body("detail", containsString("not valid JSON"))
                .body("globalOrderId", nullValue())
                .extract().path("rawPayloadId");
        assertEquals("QUARANTINED", text("select status from raw_payload where id = cast(? as uuid)", rawId));

        // the platform retries it: recognised, the same answer, not stored twice
        postSigned(ShopifyOrders.truncatedOrder(id), webhookId)
                .then().statusCode(400).body("quarantined", equalTo(true)).body("rawPayloadId", equalTo(rawId))
                .body("duplicate", equalTo(true));
        assertEquals(1, count("select count(*) from raw_payload where delivery_id = ?", webhookId));

        List<String> listed = given().header("Authorization", bearer("ops"))
                .queryParam("size", 200).get("/quarantine")
                .then().statusCode(200)
                .body("total", notNullValue())
                .extract().path("items.id");
        assertTrue(listed.contains(rawId), "listed: " + listed);
        given().header("Authorization", bearer("admin")).queryParam("size", 200).get("/quarantine")
                .then().body("items.find { it.id == '" + rawId + "' }.error", containsString("not valid JSON"))
                .body("items.find { it.id == '" + rawId + "' }.channel", equalTo("shopify"));

        // replaying it unchanged fails again, with the error, and it stays quarantined
        given().header("Authorization", bearer("ops")).post("/quarantine/{id}/replay", rawId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
        assertEquals(2, count("select attempts from raw_payload where id = cast(? as uuid)", rawId));
        // a processed payload is not replayable
        String processedRaw = text("select id::text from raw_payload where status = 'PROCESSED' limit 1", null);
        if (processedRaw != null) {
            given().header("Authorization", bearer("ops")).post("/quarantine/{id}/replay", processedRaw)
                    .then().statusCode(409).contentType("application/problem+json");
        }
        // cs may not see the quarantine
        given().header("Authorization", bearer("cs")).get("/quarantine").then().statusCode(403);
    }

    @Test
    void aPayloadQuarantinedForAnUnknownStatusIsPublishedAfterTheMappingIsFixedAndReplayed() {
        long id = NEXT_ID.incrementAndGet();
        String rawId = postSigned(ShopifyOrders.orderWithFinancialStatus(id, "pending_review"), UUID.randomUUID().toString())
                .then().statusCode(202)
                .body("quarantined", equalTo(true))
                .body("problem", equalTo("UNMAPPED"))
                .body("error", containsString("financial_status=pending_review"))
                .extract().path("rawPayloadId");

        // an admin teaches the mapping the new status
        var mapping = given().header("Authorization", bearer("admin")).get("/mappings/shopify")
                .then().statusCode(200).extract().<java.util.Map<String, Object>>path("mapping");
        @SuppressWarnings("unchecked")
        List<Object> rules = (List<Object>) mapping.get("statusRules");
        rules.add(0, java.util.Map.of("when", java.util.Map.of("financial_status", List.of("pending_review")),
                "state", "PENDING_PAYMENT", "funding", "NONE"));
        int version = given().header("Authorization", bearer("admin")).contentType(ContentType.JSON).body(mapping)
                .put("/mappings/shopify")
                .then().statusCode(200).extract().path("version");
        assertTrue(version >= 2, "version " + version);

        String globalOrderId = given().header("Authorization", bearer("admin")).post("/quarantine/{id}/replay", rawId)
                .then().statusCode(200)
                .body("status", equalTo("PROCESSED"))
                .extract().path("globalOrderId");
        List<OrderIngested> events = ingestedEvents(globalOrderId, 1);
        assertEquals(1, events.size());
        assertEquals(OrderState.PENDING_PAYMENT, events.get(0).status());
        assertEquals("pending_review", events.get(0).channelStatus());
        assertEquals(rawId, events.get(0).rawPayloadId());
        given().header("Authorization", bearer("ops")).queryParam("size", 200).get("/quarantine")
                .then().body("items.id", org.hamcrest.Matchers.not(hasItem(rawId)));
    }

    @Test
    void anUnusableMappingIsRefusedWithWhatToFix() {
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"channel\":\"shopify\",\"fields\":{\"channelOrderId\":\"id\"}}")
                .put("/mappings/shopify")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("fields.total"));
        given().header("Authorization", bearer("ops")).contentType(ContentType.JSON)
                .body("{}").put("/mappings/shopify")
                .then().statusCode(403);
    }

    @Test
    void internalEndpointsNeedABearerToken() {
        given().get("/channel-orders/shopify/demo/1").then().statusCode(401).contentType("application/problem+json");
        given().get("/quarantine").then().statusCode(401);
        given().get("/mappings/shopify").then().statusCode(401);
    }
}
