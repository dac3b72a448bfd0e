package io.orderhub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.ingest.domain.signature.DouyinVerifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A new fee field is counted, suggested, confirmed by an admin, mapped from the next order on and, on request, re-normalized into the stored ones. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MarketplaceSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MappingSuggestionsTest {
    private static final String FIELD = "talent_commission_amount";

    @Inject
    ObjectMapper mapper;

    private static String post(String orderId, long payFen, long commissionFen) {
        byte[] body = DouyinOrders.paidOrderWithExtraField(orderId, payFen, FIELD, commissionFen);
        return given().contentType(ContentType.JSON).header("event-sign", DouyinVerifier.sign("demo-app", "demo-secret", body))
                .body(body).post("/webhooks/douyin/demo")
                .then().statusCode(200).body("code", equalTo(0)).extract().path("globalOrderId");
    }

    private static String admin() {
        return "Bearer " + OrderHubTestResource.token("admin");
    }

    @Test
    void aCommissionFieldBecomesAChannelFeeOnceConfirmed() throws Exception {
        java.time.Instant start = java.time.Instant.now().minusSeconds(1);
        // 1.5 % of three different totals
        String first = post("7000000000000000001", 20000, 300);
        post("7000000000000000002", 40000, 600);
        post("7000000000000000003", 30000, 450);

        List<Map<String, Object>> suggestions = given().header("Authorization", admin())
                .get("/mappings/douyin/suggestions").then().statusCode(200)
                .body("path", hasItem(FIELD))
                .body("path", not(hasItem("order_level")))
                .extract().path("$");
        Map<String, Object> suggestion = suggestions.stream().filter(s -> FIELD.equals(s.get("path"))).findFirst().orElseThrow();
        assertEquals("CHANNEL_FEE", suggestion.get("suggestedType"));
        assertEquals(3, ((Number) suggestion.get("occurrences")).intValue());
        assertNotNull(suggestion.get("reason"));
        // every unknown field is listed with all=true, e.g. the shop name, without a suggestion
        given().header("Authorization", admin()).queryParam("all", true).get("/mappings/douyin/suggestions")
                .then().statusCode(200).body("path", hasItem("shop_name"));

        int before = given().header("Authorization", admin()).get("/mappings/douyin").then().extract().path("version");
        // confirmed, and the stored raw payloads of the orders seen since then are re-normalized on request
        given().header("Authorization", admin()).queryParam("renormalize", true).queryParam("since", start.toString())
                .post("/mappings/douyin/suggestions/{id}/confirm", suggestion.get("id"))
                .then().statusCode(200)
                .body("version", equalTo(before + 1))
                .body("mapping.fees.path", hasItem(FIELD))
                .body("renormalized.channel", equalTo("douyin"))
                .body("renormalized.orders", org.hamcrest.Matchers.greaterThanOrEqualTo(3))
                .body("renormalized.republished", org.hamcrest.Matchers.greaterThanOrEqualTo(3))
                .body("renormalized.failed", org.hamcrest.Matchers.empty());
        // the first order, published before the fee was known, is published again with it (same channel update time)
        try (KafkaTestClient kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers())) {
            List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ORDERS_INGESTED, first, Duration.ofSeconds(30), es -> es.size() >= 2);
            assertEquals(2, events.size());
            OrderIngested original = mapper.readValue(events.get(0).data(), OrderIngested.class);
            OrderIngested corrected = mapper.readValue(events.get(1).data(), OrderIngested.class);
            assertEquals(null, original.fees().get("CHANNEL_FEE"));
            assertEquals(0, new BigDecimal("3.00").compareTo(corrected.fees().get("CHANNEL_FEE").amount()), corrected.fees().toString());
            assertEquals(original.channelUpdatedAt(), corrected.channelUpdatedAt());
            assertEquals(original.rawPayloadId(), corrected.rawPayloadId());
        }
        given().header("Authorization", admin()).queryParam("since", "yesterday").post("/mappings/douyin/renormalize")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("UTC instant"));
        given().header("Authorization", "Bearer " + OrderHubTestResource.token("ops")).post("/mappings/douyin/renormalize")
                .then().statusCode(403);
        given().header("Authorization", admin()).post("/mappings/douyin/suggestions/{id}/confirm", suggestion.get("id"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("CHANNEL_FEE"));

        // the next order carries the fee
        String id = post("7000000000000000004", 50000, 750);
        try (KafkaTestClient kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers())) {
            List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ORDERS_INGESTED, id, Duration.ofSeconds(30), es -> !es.isEmpty());
            OrderIngested event = mapper.readValue(events.get(0).data(), OrderIngested.class);
            assertEquals(0, new BigDecimal("7.50").compareTo(event.fees().get("CHANNEL_FEE").amount()), event.fees().toString());
        }
        // and the field is no longer unknown
        given().header("Authorization", admin()).get("/mappings/douyin/suggestions")
                .then().statusCode(200).body("path", not(hasItem(FIELD)));
        given().header("Authorization", "Bearer " + OrderHubTestResource.token("cs")).get("/mappings/douyin/suggestions")
                .then().statusCode(403);
    }
}
