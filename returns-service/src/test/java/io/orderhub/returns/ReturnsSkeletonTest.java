package io.orderhub.returns;

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
class ReturnsSkeletonTest {

    @Test
    void returnsFollowsEachOrdersLifecycleState() {
        String order = "OH2026" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String bearer = "Bearer " + OrderHubTestResource.token("cs");
        try (KafkaTestClient kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers())) {
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, "{\"globalOrderId\":\"" + order
                    + "\",\"channel\":\"douyin\",\"to\":\"PAID\",\"refused\":false}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer)
                    .get("/returns/orders/{id}", order).then().statusCode(200).body("state", equalTo("PAID")));
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_CLOSED, "{\"globalOrderId\":\"" + order
                    + "\",\"channel\":\"douyin\",\"from\":\"PAID\",\"to\":\"CLOSED\",\"refused\":false}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", bearer)
                    .get("/returns/orders/{id}", order).then().body("state", equalTo("CLOSED")));
        }
        given().header("Authorization", bearer).get("/returns/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
