package io.orderhub.alerting.restart;

import io.orderhub.alerting.AlertSinksTestResource;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.devstack.sim.alerts.AlertReceivers;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * First half of "a restart in the middle fires nothing twice". Runs last in the main application (the class
 * orderer sorts by class name and this package sorts after the others): an express order reaches L1 while the
 * webhook endpoint is down, then this instance dies (its scheduler stops ticking). {@link RestartAfterTest}
 * starts a new instance of the service on the same database, Kafka and receivers.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = AlertSinksTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RestartBeforeTest {
    static final String PREFIX = "orderhub.restart-test.";
    static final List<String> SHARED = List.of("quarkus.datasource.", "kafka.bootstrap.servers", "mp.jwt.verify.",
            "orderhub.alerting.channels.", "quarkus.mailer.", "quarkus.rest-client.");

    @Inject
    Scheduler scheduler;

    @Test
    void l1FiresThenTheInstanceDies() throws Exception {
        AlertReceivers receivers = AlertSinksTestResource.receivers();
        receivers.failNext(AlertReceivers.Kind.WEBHOOK, 1_000_000); // the generic webhook endpoint is down
        String token = "Bearer " + OrderHubTestResource.token("ops");
        String order = "OH2026" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        // express window 6 s, paid 2 s ago: L1 is due in about a second, L2 in 4 s, L3 in 7 s
        OrderLifecycleChanged paid = new OrderLifecycleChanged(order, "xhs", null, OrderState.PAID, false, null, "channel:xhs",
                "test", Set.of(), FundingStatus.FULLY_PAID, List.of(new OrderLine("L1", "EXP-RESTART", "EXP-RESTART", 1,
                Money.of("9.90", "CNY"))), null, null, Instant.now().minusSeconds(2), Instant.now(), "WH-SH");
        try (KafkaTestClient kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers())) {
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID,
                    new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                            .writeValueAsString(paid));
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> given().header("Authorization", token)
                .queryParam("globalOrderId", order).get("/alerts").then().extract().jsonPath().getList("tier"), t -> t.equals(List.of("L1")));
        scheduler.pause(); // the instance dies: no tier, no delivery, no check runs here any more

        List<Map<String, Object>> alerts = given().header("Authorization", token).queryParam("globalOrderId", order).get("/alerts")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, alerts.size());
        assertEquals("L1", alerts.get(0).get("tier"));
        String alertId = (String) alerts.get(0).get("id");
        List<Map<String, Object>> deliveries = given().header("Authorization", token).get("/alerts/{id}/deliveries", alertId)
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> webhook = deliveries.stream().filter(d -> "ops-webhook".equals(d.get("channel"))).findFirst().orElseThrow();
        assertNull(webhook.get("deliveredAt"), "the L1 webhook delivery is still pending when the instance dies");

        // hand the infrastructure of this JVM to the next instance
        Config config = ConfigProvider.getConfig();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith("%") && SHARED.stream().anyMatch(name::startsWith)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> System.setProperty(PREFIX + "cfg." + name, v));
            }
        }
        System.setProperty(PREFIX + "order", order);
        System.setProperty(PREFIX + "alert", alertId);
        System.setProperty(PREFIX + "token", token);
        System.setProperty(PREFIX + "kafka", OrderHubTestResource.kafkaBootstrapServers());
        System.setProperty(PREFIX + "receivers", receivers.url());
        var pg = OrderHubTestResource.postgres();
        System.setProperty(PREFIX + "jdbc", pg.jdbcUrl("orderhub_test"));
        System.setProperty(PREFIX + "jdbc.user", pg.user());
        System.setProperty(PREFIX + "jdbc.password", pg.password());
    }
}
