package io.orderhub.alerting;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.ReconciliationFinding;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.orderhub.alerting.AlertingTestSupport.alertByKey;
import static io.orderhub.alerting.AlertingTestSupport.bearer;
import static io.orderhub.alerting.AlertingTestSupport.json;
import static io.orderhub.alerting.AlertingTestSupport.orderId;
import static io.orderhub.alerting.AlertingTestSupport.transition;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts from the other services' events: reconciliation deviation, red health, QC overdue, DLQ growth. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = AlertSinksTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AlertSourcesTest {
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static Map<String, Object> awaitAlert(String key, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> alertByKey(key),
                a -> a != null && status.equals(a.get("status")));
    }

    @Test
    void reconciliationDeviationAboveThreePercentAlertsFinanceAndResolvesWhenBack() {
        String channel = "rc" + UUID.randomUUID().toString().substring(0, 6);
        kafka.publish(Topics.RECONCILIATION, channel, EventTypes.CREDIBILITY_MEASURED, json(new ReconciliationFinding(null, channel,
                "hourly-deviation", "12 of 400 orders differ between platform and ERP", new BigDecimal("0.03"), Instant.now())));
        kafka.publish(Topics.RECONCILIATION, channel, EventTypes.CREDIBILITY_MEASURED, json(new ReconciliationFinding(null, channel,
                "hourly-deviation", "17 of 400 orders differ between platform and ERP", new BigDecimal("0.0425"), Instant.now())));
        Map<String, Object> a = awaitAlert("reconciliation:" + channel, "FIRING");
        assertEquals("finance", a.get("team"));
        assertEquals("warning", a.get("severity"));
        assertEquals("Reconciliation deviation 4.3 % on " + channel + " is above 3.0 %: 17 of 400 orders differ between platform and ERP",
                a.get("summary"));
        assertEquals(1, ((Number) a.get("occurrences")).intValue(), "exactly 3 % does not alert");

        kafka.publish(Topics.RECONCILIATION, channel, EventTypes.CREDIBILITY_MEASURED, json(new ReconciliationFinding(null, channel,
                "hourly-deviation", "2 of 400", new BigDecimal("0.005"), Instant.now())));
        awaitAlert("reconciliation:" + channel, "RESOLVED");
    }

    @Test
    void aRedHealthScoreHoldAlertsCustomerServiceUntilTheHoldIsReleased() {
        String order = orderId();
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_HELD,
                json(transition(order, OrderState.PAID, OrderState.PAID, Set.of(Hold.HEALTH_RED.name()))));
        Map<String, Object> a = awaitAlert("health:" + order, "FIRING");
        assertEquals("HEALTH_RED", a.get("kind"));
        assertEquals("cs", a.get("team"));
        assertEquals(order, a.get("globalOrderId"));
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_HOLD_RELEASED,
                json(transition(order, OrderState.PAID, OrderState.PAID, Set.of())));
        awaitAlert("health:" + order, "RESOLVED");
    }

    @Test
    void anOverdueQualityCheckAlertsReturnsUntilItsResultArrives() {
        String order = orderId();
        String returnId = "R-" + UUID.randomUUID().toString().substring(0, 8);
        ReturnChanged overdue = new ReturnChanged(returnId, order, "RETURN_AND_REFUND", Set.of(), "RECEIVED", "SKU-1", null, 1, Instant.now());
        kafka.publish(Topics.RETURNS, order, EventTypes.RETURN_QC_OVERDUE, json(overdue));
        Map<String, Object> a = awaitAlert("qc-overdue:" + returnId, "FIRING");
        assertEquals("returns", a.get("team"));
        assertTrue(((String) a.get("summary")).contains(returnId));
        kafka.publish(Topics.RETURNS, order, EventTypes.RETURN_QC_RESULT,
                json(new ReturnChanged(returnId, order, "RETURN_AND_REFUND", Set.of(), "QC_PASSED", "SKU-1", null, 1, Instant.now())));
        awaitAlert("qc-overdue:" + returnId, "RESOLVED");
    }

    @Test
    void aGrowingDeadLetterTopicPagesOnCall() {
        String dlq = Topics.dlq(Topics.RETURNS);
        // the first look at the topic is the baseline
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> depths = given().header("Authorization", bearer("ops")).get("/dlq").then().statusCode(200)
                    .extract().jsonPath().getList("$");
            return depths.stream().anyMatch(d -> dlq.equals(d.get("topic")));
        });
        // a poison event: alerting's own consumer dead-letters it, and the topic grew
        String key = "POISON-" + UUID.randomUUID();
        kafka.publishRaw(Topics.RETURNS, key, "this is not a CloudEvent");
        Map<String, Object> a = awaitAlert("dlq:" + dlq, "FIRING");
        assertEquals("critical", a.get("severity"));
        assertEquals("oncall", a.get("team"));
        assertTrue(((String) a.get("summary")).startsWith(dlq + " grew from "), (String) a.get("summary"));
        await().atMost(Duration.ofSeconds(20)).until(() -> AlertSinksTestResource.receivers().deliveries().stream()
                .anyMatch(d -> d.accepted() && d.path().startsWith("/services/") && d.body().contains(dlq)));
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("orderhub_dlq_depth{topic=\"" + dlq + "\"}") && !l.endsWith(" 0.0")),
                "the DLQ depth is a metric");
    }
}
