package io.orderhub.reconciliation;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = Simulators.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReconciliationSkeletonTest {

    @Test
    void lifecycleEventsKeepTheHubSideOfEachOrderAndRefusalsChangeNothing() {
        String order = "OH2026" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String bearer = "Bearer " + OrderHubTestResource.token("finance");
        try (KafkaTestClient kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers())) {
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_SHIPPED, "{\"globalOrderId\":\"" + order
                    + "\",\"channel\":\"jd\",\"from\":\"LABEL_PRINTED\",\"to\":\"SHIPPED\",\"refused\":false,"
                    + "\"trackingNumber\":\"SF1234567890\",\"occurredAt\":\"2026-11-22T08:00:00Z\"}");
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_TRANSITION_REFUSED, "{\"globalOrderId\":\""
                    + order + "\",\"channel\":\"jd\",\"from\":\"SHIPPED\",\"to\":\"PAID\",\"refused\":true,"
                    + "\"occurredAt\":\"2026-11-22T08:01:00Z\"}");
            String marker = kafka.publish(Topics.ORDERS_LIFECYCLE, order, "orderhub.order.marker.v1", "{\"globalOrderId\":\""
                    + order + "\",\"refused\":true}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer)
                    .get("/hub-orders/{id}", order).then().statusCode(200)
                    .body("state", equalTo("SHIPPED")).body("trackingNumber", equalTo("SF1234567890")));
            await().atMost(Duration.ofSeconds(30)).until(() -> inboxHas(marker));
            given().header("Authorization", bearer).get("/hub-orders/{id}", order).then().body("state", equalTo("SHIPPED"));
        }
        given().header("Authorization", bearer).get("/discrepancies").then().statusCode(200);
        given().header("Authorization", "Bearer " + OrderHubTestResource.token("warehouse")).get("/discrepancies")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anOlderSnapshotNeverOverwritesANewerOneAndAHoldReasonClearsWithItsHolds() {
        String order = "OH2026" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String bearer = "Bearer " + OrderHubTestResource.token("finance");
        try (KafkaTestClient kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers())) {
            kafka.publish(Topics.ORDERS_INGESTED, order, EventTypes.ORDER_INGESTED, snapshot(order, "100.00", "2026-11-22T08:10:00Z"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer)
                    .get("/hub-orders/{id}", order).then().statusCode(200)
                    .body("total", equalTo(100.0f)).body("shop", equalTo("demo")).body("state", nullValue()));
            String older = kafka.publish(Topics.ORDERS_INGESTED, order, EventTypes.ORDER_INGESTED,
                    snapshot(order, "50.00", "2026-11-22T08:05:00Z"));
            await().atMost(Duration.ofSeconds(30)).until(() -> inboxHas(older));
            given().header("Authorization", bearer).get("/hub-orders/{id}", order).then().body("total", equalTo(100.0f));

            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_HELD, "{\"globalOrderId\":\"" + order
                    + "\",\"channel\":\"jd\",\"from\":\"PAID\",\"to\":\"PAID\",\"refused\":false,"
                    + "\"reason\":\"RISK_REVIEW: risk\",\"holds\":[\"RISK_REVIEW\"],\"occurredAt\":\"2026-11-22T08:11:00Z\"}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer)
                    .get("/hub-orders/{id}", order).then().statusCode(200).body("state", equalTo("PAID"))
                    .body("holdReason", equalTo("RISK_REVIEW: risk")).body("holds", hasItem("RISK_REVIEW"))
                    .body("total", equalTo(100.0f)));
            // no channel named, no holds field: both are kept; then the holds are lifted and the reason goes with them
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_STOCK_LOCKED, "{\"globalOrderId\":\"" + order
                    + "\",\"from\":\"PAID\",\"to\":\"STOCK_LOCKED\",\"refused\":false,\"occurredAt\":\"2026-11-22T08:12:00Z\"}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer)
                    .get("/hub-orders/{id}", order).then().body("state", equalTo("STOCK_LOCKED"))
                    .body("channel", equalTo("jd")).body("holdReason", equalTo("RISK_REVIEW: risk")));
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_SHIPPED, "{\"globalOrderId\":\"" + order
                    + "\",\"from\":\"STOCK_LOCKED\",\"to\":\"SHIPPED\",\"refused\":false,\"holds\":[],"
                    + "\"trackingNumber\":\"SF42\",\"occurredAt\":\"2026-11-22T08:13:00Z\"}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer)
                    .get("/hub-orders/{id}", order).then().body("state", equalTo("SHIPPED"))
                    .body("holdReason", nullValue()).body("holds", empty()).body("trackingNumber", equalTo("SF42"))
                    .body("shippedAt", equalTo("2026-11-22T08:13:00Z")).body("shop", equalTo("demo")));
        }
    }

    private static String snapshot(String order, String total, String channelUpdatedAt) {
        return "{\"globalOrderId\":\"" + order + "\",\"channel\":\"jd\",\"shop\":\"demo\",\"channelOrderId\":\"JD-"
                + order + "\",\"status\":\"PAID\",\"total\":{\"amount\":\"" + total + "\",\"currency\":\"CNY\"},"
                + "\"fees\":{},\"lines\":[],\"channelUpdatedAt\":\"" + channelUpdatedAt + "\"}";
    }

    private static boolean inboxHas(String id) throws Exception {
        var pg = OrderHubTestResource.postgres();
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             var st = c.prepareStatement("select count(*) from inbox_event where event_id = ?")) {
            st.setString(1, id);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
