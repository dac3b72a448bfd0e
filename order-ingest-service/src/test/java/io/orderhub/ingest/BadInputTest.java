package io.orderhub.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.ingest.domain.mapping.JsonPaths;
import io.orderhub.ingest.domain.signature.FormParamsVerifier;
import io.orderhub.ingest.domain.signature.ShopifyVerifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.orderhub.ingest.IngestDb.count;
import static io.orderhub.ingest.IngestDb.text;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every class of bad input at {@code POST /webhooks/{channel}/{shop}}: a precise problem+json, and — where the body
 * arrived signed — the raw body and the error in the quarantine, replayable after a fix. One test per class.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MarketplaceSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadInputTest {
    private static final String SECRET = "demo-secret";
    private static final AtomicLong NEXT_ID = new AtomicLong(7_100_000_000_000L + (System.nanoTime() % 1_000_000L) * 1000);
    private static final String PROBLEM = "application/problem+json";

    private static ObjectNode shopifyOrder(long id) {
        return (ObjectNode) JsonPaths.parse(ShopifyOrders.paidOrder(id));
    }

    private static byte[] bytes(ObjectNode order) {
        return order.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Response push(byte[] body, String contentType, String webhookId) {
        return given().contentType(contentType).header("X-Shopify-Topic", "orders/create").header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Hmac-Sha256", ShopifyVerifier.sign(SECRET, body)).body(body).post("/webhooks/shopify/demo");
    }

    private static String bearer(String role) {
        return "Bearer " + OrderHubTestResource.token(role);
    }

    /** The stored payload behind a refusal: its exact body, status and problem class. */
    private static void assertQuarantined(String rawId, byte[] body, String problem, String errorPart) {
        given().header("Authorization", bearer("ops")).get("/quarantine/{id}", rawId)
                .then().statusCode(200)
                .body("status", equalTo("QUARANTINED"))
                .body("problem", equalTo(problem))
                .body("error", containsString(errorPart))
                .body("body", equalTo(new String(body, StandardCharsets.UTF_8)));
        given().header("Authorization", bearer("ops")).queryParam("size", 200).get("/quarantine")
                .then().statusCode(200)
                .body("items.find { it.id == '" + rawId + "' }.problem", equalTo(problem));
    }

    @Test
    void malformedJsonIs400AndQuarantined() {
        byte[] body = "{\"id\": 1, \"line_items\": [".getBytes(StandardCharsets.UTF_8);
        String rawId = push(body, "application/json", UUID.randomUUID().toString())
                .then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Bad Request"))
                .body("problem", equalTo("MALFORMED"))
                .body("detail", containsString("not valid JSON"))
                .body("quarantined", equalTo(true))
                .extract().path("rawPayloadId");
        assertQuarantined(rawId, body, "MALFORMED", "not valid JSON");
    }

    @Test
    void aWrongContentTypeIs415KeptWhenSignedAndReplayable() {
        long id = NEXT_ID.incrementAndGet();
        byte[] body = ShopifyOrders.paidOrder(id);
        String rawId = push(body, "text/plain", UUID.randomUUID().toString())
                .then().statusCode(415).contentType(PROBLEM)
                .body("problem", equalTo("UNSUPPORTED_MEDIA_TYPE"))
                .body("detail", containsString("send application/json"))
                .extract().path("rawPayloadId");
        assertQuarantined(rawId, body, "UNSUPPORTED_MEDIA_TYPE", "text/plain");
        // the document itself is fine: a replay publishes it
        given().header("Authorization", bearer("ops")).post("/quarantine/{id}/replay", rawId)
                .then().statusCode(200).body("status", equalTo("PROCESSED")).body("globalOrderId", notNullValue());

        // JD posts forms: a JSON-less XML push is refused, and without a valid signature nothing is stored
        String before = text("select count(*) from raw_payload where channel = 'jd'", null);
        given().contentType("application/xml").body("<order/>").post("/webhooks/jd/demo")
                .then().statusCode(415).contentType(PROBLEM)
                .body("detail", containsString("application/x-www-form-urlencoded"))
                .body("detail", containsString("nothing was stored"));
        assertEquals(before, text("select count(*) from raw_payload where channel = 'jd'", null));
    }

    @Test
    void anOversizedBodyIs413AndKeptWhenSigned() {
        ObjectNode order = shopifyOrder(NEXT_ID.incrementAndGet());
        order.put("note", "x".repeat(70 * 1024)); // the test limit is 64K
        byte[] body = bytes(order);
        String rawId = push(body, "application/json", UUID.randomUUID().toString())
                .then().statusCode(413).contentType(PROBLEM)
                .body("title", equalTo("Content Too Large"))
                .body("problem", equalTo("TOO_LARGE"))
                .body("detail", containsString("orderhub.ingest.max-body-size"))
                .extract().path("rawPayloadId");
        assertQuarantined(rawId, body, "TOO_LARGE", body.length + " bytes");
    }

    @Test
    void anUnknownChannelOrShopIs404AndNothingIsStored() {
        byte[] body = ShopifyOrders.paidOrder(NEXT_ID.incrementAndGet());
        given().contentType(ContentType.JSON).body(body).post("/webhooks/ebay/demo")
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("channel 'ebay'"))
                .body("detail", containsString("shopify"));
        given().contentType(ContentType.JSON).header("X-Shopify-Hmac-Sha256", ShopifyVerifier.sign(SECRET, body))
                .body(body).post("/webhooks/shopify/ghost-shop")
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("no shop 'ghost-shop' is registered on shopify"))
                .body("shop", equalTo("ghost-shop"));
        assertEquals(0, count("select count(*) from raw_payload where shop = ?", "ghost-shop"));
    }

    @Test
    void aSignedBodyThatIsNotUtf8OrHoldsNulIs400AndItsExactBytesAreKept() {
        byte[] notUtf8 = {'{', '"', 'i', 'd', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        byte[] withNul = "{\"id\": 1, \"note\": \"a\0b\"}".getBytes(StandardCharsets.UTF_8);
        for (byte[] body : new byte[][] {notUtf8, withNul}) {
            String rawId = push(body, "application/json", UUID.randomUUID().toString())
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("problem", equalTo("MALFORMED"))
                    .extract().path("rawPayloadId");
            given().header("Authorization", bearer("ops")).get("/quarantine/{id}", rawId)
                    .then().statusCode(200)
                    .body("status", equalTo("QUARANTINED"))
                    .body("error", containsString("not valid UTF-8"))
                    .body("bodyBase64", equalTo(java.util.Base64.getEncoder().encodeToString(body)));
        }
    }

    @Test
    void pathsAndHeadersNoShopOrColumnCanHoldAreAnsweredNotCrashedOn() {
        byte[] body = ShopifyOrders.paidOrder(NEXT_ID.incrementAndGet());
        given().contentType(ContentType.JSON).body(body).post("/webhooks/taobao/%00")
                .then().statusCode(404).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(body).post("/webhooks/shopify/" + "x".repeat(300))
                .then().statusCode(404).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(body).post("/webhooks/%00/demo")
                .then().statusCode(404).contentType(PROBLEM);
        // a delivery id longer than the column: stored under a clipped key with a digest, so it still dedupes
        String longId = "d".repeat(500);
        String first = push(body, "application/json", longId).then().statusCode(202).extract().path("rawPayloadId");
        push(body, "application/json", longId).then().statusCode(202).body("duplicate", equalTo(true))
                .body("rawPayloadId", equalTo(first));
    }

    @Test
    void missingFieldsAndWrongTypesAre422AndQuarantined() {
        ObjectNode missing = shopifyOrder(NEXT_ID.incrementAndGet());
        missing.remove("total_price");
        byte[] missingBody = bytes(missing);
        String missingRaw = push(missingBody, "application/json", UUID.randomUUID().toString())
                .then().statusCode(422).contentType(PROBLEM)
                .body("problem", equalTo("INVALID"))
                .body("detail", containsString("total (total_price) is missing"))
                .extract().path("rawPayloadId");
        assertQuarantined(missingRaw, missingBody, "INVALID", "total_price");

        ObjectNode wrongType = shopifyOrder(NEXT_ID.incrementAndGet());
        ((ObjectNode) wrongType.withArray("line_items").get(0)).put("quantity", "two");
        byte[] wrongBody = bytes(wrongType);
        String wrongRaw = push(wrongBody, "application/json", UUID.randomUUID().toString())
                .then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("'two' is not a whole quantity"))
                .extract().path("rawPayloadId");
        assertQuarantined(wrongRaw, wrongBody, "INVALID", "quantity");

        // a JD form whose document is not a JD order (and not a change notification either)
        Map<String, String> form = new LinkedHashMap<>();
        form.put("app_key", "demo-app");
        form.put("timestamp", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneId.of("Asia/Shanghai")).format(java.time.Instant.now()));
        form.put("v", "2.0");
        form.put("360buy_param_json", "{\"hello\":\"world\"}");
        form.put("sign", FormParamsVerifier.sign(SECRET, form));
        var request = given().contentType(ContentType.URLENC.withCharset("UTF-8"));
        for (Map.Entry<String, String> f : form.entrySet()) {
            request = request.formParam(f.getKey(), f.getValue());
        }
        request.post("/webhooks/jd/demo").then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("not a jd order document"));
    }

    @Test
    void aReplayedDeliveryIsAnIdempotent202Duplicate() {
        // Platforms deliver at least once and retry until they see a 2xx: a re-delivery (same delivery id) is
        // answered 202 "duplicate" with the same global id — a 409 would only make them retry again.
        long id = NEXT_ID.incrementAndGet();
        byte[] body = ShopifyOrders.paidOrder(id);
        String webhookId = UUID.randomUUID().toString();
        String globalId = push(body, "application/json", webhookId).then().statusCode(202)
                .body("duplicate", equalTo(false)).extract().path("globalOrderId");
        for (int i = 0; i < 2; i++) {
            push(body, "application/json", webhookId).then().statusCode(202)
                    .body("duplicate", equalTo(true)).body("globalOrderId", equalTo(globalId));
        }
        assertEquals(1, count("select count(*) from raw_payload where delivery_id = ?", webhookId));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("select count(*) from outbox_event where subject = ? and published_at is null", globalId) == 0);
        assertEquals(1, count("select count(*) from outbox_event where subject = ?", globalId));
        // a replayed request outside the signed-timestamp window is a 401: see ChannelWebhooksTest
    }
}
