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
import static org.hamcrest.Matchers.equalTo;

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
