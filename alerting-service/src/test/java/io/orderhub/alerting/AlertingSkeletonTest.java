package io.orderhub.alerting;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = AlertSinksTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AlertingSkeletonTest {
    private static KafkaTestClient kafka;

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

    private static String lifecycle(String id, String from, String to) {
        return "{\"globalOrderId\":\"" + id + "\",\"channel\":\"shopify\",\"from\":" + (from == null ? "null" : "\"" + from + "\"")
                + ",\"to\":\"" + to + "\",\"refused\":false,\"paidAt\":\"2026-11-22T08:00:00Z\",\"occurredAt\":\"2026-11-22T08:00:01Z\"}";
    }

    @Test
    void aPaidOrderStartsItsShipByClockAndShippingStopsIt() {
        String order = "OH2026" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, lifecycle(order, null, "PAID"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer())
                .get("/sla-clocks/{id}", order).then().statusCode(200)
                .body("deadline", equalTo("2026-11-22T10:00:00Z")));

        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_SHIPPED, lifecycle(order, "LABEL_PRINTED", "SHIPPED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer())
                .get("/sla-clocks/{id}", order).then().statusCode(200)
                .body("state", equalTo("SHIPPED")).body("stoppedAt", notNullValue()));
    }

    @Test
    void breakerStartsClosedAndNeedsAToken() {
        given().get("/breaker").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", bearer()).get("/breaker").then().statusCode(200).body("state", equalTo("CLOSED"));
    }

    @Test
    void healthAndMetricsAreUp() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
