package io.orderhub.system;

import io.orderhub.devstack.Stack;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 2's scenario against the six services running as separate processes: a signed Shopify webhook
 * becomes a PAID order, inventory reserves it, it becomes STOCK_LOCKED, the warehouse prints a label and
 * ships it, and inventory consumes the reservation. Duplicates and forgeries change nothing.
 */
@ExtendWith(HubStackExtension.class)
class WalkingSkeletonIT {
    private static Stack stack;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @BeforeAll
    static void stack() {
        stack = HubStackExtension.stack();
    }

    private static String ingest() {
        return stack.url("order-ingest-service");
    }

    private static String state() {
        return stack.url("order-state-service");
    }

    private static String inventory() {
        return stack.url("inventory-service");
    }

    private static String bearer(String role) {
        return "Bearer " + stack.token(role);
    }

    private static long newShopifyOrderId() {
        return 7_200_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    private static Response postWebhook(byte[] body, String signature, String webhookId) {
        return given().baseUri(ingest())
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Hmac-Sha256", signature)
                .header("X-Shopify-Shop-Domain", "demo.myshopify.com")
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Triggered-At", "2026-11-21T14:15:02.123Z")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/webhooks/shopify/demo");
    }

    private static Map<String, Object> stock(String sku) {
        return given().baseUri(inventory()).header("Authorization", bearer("ops")).get("/stock/{sku}", sku)
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static void setStock(String sku, int onHand) {
        given().baseUri(inventory()).header("Authorization", bearer("warehouse")).contentType(ContentType.JSON)
                .body(Map.of("onHand", onHand)).put("/stock/{w}/{sku}", "WH-NYC", sku)
                .then().statusCode(200);
    }

    @Test
    void aSignedShopifyOrderIsPaidLockedLabelledShippedAndItsStockConsumed() {
        setStock("SS-POUR-SET-WHT", 20);
        setStock("SS-FILTER-100", 40);
        int pourBefore = ((Number) stock("SS-POUR-SET-WHT").get("onHand")).intValue();
        int filterBefore = ((Number) stock("SS-FILTER-100").get("onHand")).intValue();

        byte[] body = ShopifyWebhook.paidOrder(newShopifyOrderId());
        String id = postWebhook(body, ShopifyWebhook.sign(body, HubStackExtension.DEMO_SECRET), UUID.randomUUID().toString())
                .then().statusCode(202).body("duplicate", equalTo(false))
                .extract().path("globalOrderId");
        assertTrue(id.matches("OH\\d{4}[0-9A-HJKMNP-TV-Z]{8}"), "global id format: " + id);

        await().atMost(DEADLINE).untilAsserted(() -> given().baseUri(state()).header("Authorization", bearer("cs"))
                .get("/orders/{id}", id).then().statusCode(200).body("state", equalTo("STOCK_LOCKED")));
        given().baseUri(state()).header("Authorization", bearer("cs")).get("/orders/{id}", id).then()
                .body("lines.sku", hasItems("SS-POUR-SET-WHT", "SS-FILTER-100"));
        given().baseUri(inventory()).header("Authorization", bearer("ops")).get("/reservations/{id}", id).then()
                .statusCode(200).body("$", hasSize(2)).body("status", everyItemIs("RESERVED"));

        given().baseUri(state()).header("Authorization", bearer("warehouse")).contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z999AA10123456784"))
                .post("/orders/{id}/actions/print-label", id).then().statusCode(200).body("state", equalTo("LABEL_PRINTED"));
        given().baseUri(state()).header("Authorization", bearer("warehouse")).contentType(ContentType.JSON)
                .body(Map.of())
                .post("/orders/{id}/actions/ship", id).then().statusCode(200).body("state", equalTo("SHIPPED"));

        await().atMost(DEADLINE).untilAsserted(() -> given().baseUri(inventory()).header("Authorization", bearer("ops"))
                .get("/reservations/{id}", id).then().body("status", everyItemIs("CONSUMED")));
        assertEquals(pourBefore - 1, ((Number) stock("SS-POUR-SET-WHT").get("onHand")).intValue());
        assertEquals(filterBefore - 2, ((Number) stock("SS-FILTER-100").get("onHand")).intValue());

        List<String> timeline = given().baseUri(state()).header("Authorization", bearer("cs"))
                .get("/orders/{id}/timeline", id).then().statusCode(200).extract().jsonPath().getList("to", String.class);
        int paid = timeline.indexOf("PAID");
        int locked = timeline.indexOf("STOCK_LOCKED");
        int printed = timeline.indexOf("LABEL_PRINTED");
        int shipped = timeline.indexOf("SHIPPED");
        assertTrue(paid >= 0 && paid < locked && locked < printed && printed < shipped, "timeline in order: " + timeline);
    }

    @Test
    void theSameWebhookDeliveredThreeTimesAtOnceYieldsOneOrderAndOneReservation() throws Exception {
        setStock("SS-POUR-SET-WHT", 20);
        setStock("SS-FILTER-100", 40);
        byte[] body = ShopifyWebhook.paidOrder(newShopifyOrderId());
        String signature = ShopifyWebhook.sign(body, HubStackExtension.DEMO_SECRET);
        String webhookId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> postWebhook(body, signature, webhookId)));
            }
            Set<String> ids = new HashSet<>();
            int duplicates = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertEquals(202, r.statusCode(), r.asString());
                ids.add(r.path("globalOrderId"));
                if (Boolean.TRUE.equals(r.path("duplicate"))) {
                    duplicates++;
                }
            }
            assertEquals(1, ids.size(), "one global id for all three deliveries");
            assertEquals(2, duplicates, "two of the three deliveries are duplicates");
            String id = ids.iterator().next();

            await().atMost(DEADLINE).untilAsserted(() -> given().baseUri(state()).header("Authorization", bearer("cs"))
                    .get("/orders/{id}", id).then().statusCode(200).body("state", equalTo("STOCK_LOCKED")));
            given().baseUri(inventory()).header("Authorization", bearer("ops")).get("/reservations/{id}", id).then()
                    .body("$", hasSize(2));
            given().baseUri(state()).header("Authorization", bearer("ops")).queryParam("channel", "shopify")
                    .get("/orders/{id}/timeline", id).then().statusCode(200)
                    .body("findAll { it.to == 'PAID' }", hasSize(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForgedSignatureIsRefusedWithAProblemAndCreatesNothing() {
        long shopifyId = newShopifyOrderId();
        byte[] body = ShopifyWebhook.paidOrder(shopifyId);
        postWebhook(body, ShopifyWebhook.sign(body, "not-the-shop-secret"), UUID.randomUUID().toString())
                .then().statusCode(401)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(401));
        given().baseUri(ingest()).header("Authorization", bearer("ops"))
                .get("/channel-orders/shopify/demo/{id}", shopifyId)
                .then().statusCode(404).contentType(containsString("application/problem+json"));
    }

    @Test
    void everyServiceIsHealthyAndServesMetricsAndOpenApi() {
        for (Stack.Service s : Stack.SERVICES) {
            given().baseUri(stack.url(s)).get("/q/health/live").then().statusCode(200);
            given().baseUri(stack.url(s)).get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
            given().baseUri(stack.url(s)).get("/q/openapi").then().statusCode(200);
        }
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
}
