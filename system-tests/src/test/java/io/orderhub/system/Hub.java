package io.orderhub.system;

import io.orderhub.devstack.Stack;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The running hub as the system tests talk to it: a marketplace's webhooks, and each service's REST API with a role. */
final class Hub {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Stack stack;

    Hub(Stack stack) {
        this.stack = stack;
    }

    RequestSpecification as(String service, String role) {
        return given().baseUri(stack.url(service)).header("Authorization", "Bearer " + stack.token(role));
    }

    static long newShopifyOrderId() {
        return 7_200_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    /** Posts a Shopify delivery signed with the demo shop's secret; answers the global order id. */
    String deliver(String topic, byte[] body) {
        return given().baseUri(stack.url("order-ingest-service"))
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Hmac-Sha256", ShopifyWebhook.sign(body, HubStackExtension.DEMO_SECRET))
                .header("X-Shopify-Shop-Domain", "demo.myshopify.com")
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Triggered-At", "2026-11-21T14:15:02.123Z")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/webhooks/shopify/demo")
                .then().statusCode(202).extract().path("globalOrderId");
    }

    void setStock(String warehouse, String sku, int onHand) {
        as("inventory-service", "warehouse").contentType(ContentType.JSON).body(Map.of("onHand", onHand))
                .put("/stock/{w}/{sku}", warehouse, sku).then().statusCode(200);
    }

    long stockFigure(String sku, String figure) {
        return ((Number) as("inventory-service", "ops").get("/stock/{sku}", sku)
                .then().statusCode(200).extract().path(figure)).longValue();
    }

    List<Map<String, Object>> reservations(String globalOrderId) {
        return as("inventory-service", "ops").get("/reservations/{id}", globalOrderId)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    Response order(String globalOrderId) {
        return as("order-state-service", "cs").get("/orders/{id}", globalOrderId);
    }

    List<Map<String, Object>> timeline(String globalOrderId) {
        return as("order-state-service", "cs").get("/orders/{id}/timeline", globalOrderId)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    void awaitState(String globalOrderId, String state) {
        await().atMost(DEADLINE).untilAsserted(() -> order(globalOrderId).then().statusCode(200).body("state", equalTo(state)));
    }

    Response act(String role, String globalOrderId, String action, Map<String, ?> body) {
        return as("order-state-service", role).contentType(ContentType.JSON).body(body)
                .post("/orders/{id}/actions/{action}", globalOrderId, action);
    }

    /** A paid Shopify order with these SKUs (quantities 1 and 2), stock-locked by inventory. */
    String lockedOrder(long shopifyOrderId, String sku1, String sku2) {
        String id = deliver("orders/create", ShopifyWebhook.paidOrder(shopifyOrderId, sku1, sku2));
        awaitState(id, "STOCK_LOCKED");
        return id;
    }

    /** Label printed and shipped by the warehouse. */
    void ship(String globalOrderId, String trackingNumber) {
        act("warehouse", globalOrderId, "print-label", Map.of("carrier", "SF", "trackingNumber", trackingNumber))
                .then().statusCode(200).body("state", equalTo("LABEL_PRINTED"));
        act("warehouse", globalOrderId, "ship", Map.of()).then().statusCode(200).body("state", equalTo("SHIPPED"));
    }
}
