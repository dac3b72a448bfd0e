package io.orderhub.alerting;

import io.orderhub.contract.AlertEventTypes;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.devstack.sim.wms.WmsSimulator;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.orderhub.alerting.AlertingTestSupport.alertByKey;
import static io.orderhub.alerting.AlertingTestSupport.bearer;
import static io.orderhub.alerting.AlertingTestSupport.json;
import static io.orderhub.alerting.AlertingTestSupport.newUnpaidOrder;
import static io.orderhub.alerting.AlertingTestSupport.orderId;
import static io.orderhub.alerting.AlertingTestSupport.paidOrder;
import static io.orderhub.alerting.AlertingTestSupport.sql;
import static io.orderhub.alerting.AlertingTestSupport.transition;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breaker (test thresholds: open above 5 waiting orders with average dwell above 2 h, close below 3) and
 * promo mode (test thresholds: more than 5 new orders a second for 3 seconds).
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = AlertSinksTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LoadSheddingTest {
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String breakerState() {
        return given().header("Authorization", bearer("ops")).get("/breaker").then().statusCode(200).extract().path("state");
    }

    private static int backlog() {
        return given().header("Authorization", bearer("ops")).get("/breaker").then().statusCode(200).extract().path("backlog");
    }

    private static double gauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("orderhub_breaker_open")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    private static void ship(String order) {
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_SHIPPED,
                json(transition(order, OrderState.LABEL_PRINTED, OrderState.SHIPPED, Set.of())));
    }

    @Test
    void theBacklogOpensTheBreakerPausesTheWmsAndItClosesWithHysteresis() throws Exception {
        // only this test's orders wait for a label
        sql("update sla_clock set stopped_at = now() where stopped_at is null");
        await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == 0);
        WmsSimulator wms = AlertSinksTestResource.wms();
        wms.reset();
        wms.failNext(3); // the WMS is under maintenance for the first pause call (and its two quick retries)
        assertEquals("CLOSED", breakerState());
        assertEquals(0.0, gauge());

        List<String> orders = new ArrayList<>();
        Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3));
        for (int i = 0; i < 6; i++) {
            String o = orderId();
            orders.add(o);
            kafka.publish(Topics.ORDERS_LIFECYCLE, o, EventTypes.ORDER_PAID, json(paidOrder(o, "pdd", threeHoursAgo, "WH-BJ", "STD-MUG")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "OPEN".equals(breakerState()));
        given().header("Authorization", bearer("ops")).get("/breaker").then()
                .body("backlog", equalTo(6)).body("history[0].to", equalTo("OPEN")).body("history[0].backlog", equalTo(6))
                .body("reason", org.hamcrest.Matchers.containsString("6 orders wait for a label"));
        // the pause reaches the WMS despite its first failures (retried by the dispatcher)
        await().atMost(Duration.ofSeconds(20)).until(wms::paused);
        assertEquals(1, wms.pauses());
        assertEquals(3, wms.requests().stream().filter(r -> r.status() == 503).count());
        assertEquals(1.0, gauge());
        assertEquals("CRITICAL", String.valueOf(alertByKey("breaker").get("severity")).toUpperCase());
        assertEquals("ops-director", alertByKey("breaker").get("team"));
        await().atMost(Duration.ofSeconds(20)).until(() -> AlertSinksTestResource.receivers().deliveries().stream()
                .anyMatch(d -> d.accepted() && d.path().equals("/robot/send") && d.body().contains("Circuit breaker open")));

        // two ship: 4 wait, no longer above 5 but not below 3 either: it stays open (hysteresis)
        ship(orders.get(0));
        ship(orders.get(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> backlog() == 4);
        assertEquals("OPEN", breakerState());
        assertTrue(wms.paused());

        ship(orders.get(2));
        ship(orders.get(3));
        await().atMost(Duration.ofSeconds(20)).until(() -> "CLOSED".equals(breakerState()));
        await().atMost(Duration.ofSeconds(20)).until(() -> !wms.paused());
        assertEquals(1, wms.resumes());
        assertEquals(0.0, gauge());
        given().header("Authorization", bearer("ops")).get("/breaker").then()
                .body("history[0].to", equalTo("CLOSED")).body("history[0].backlog", equalTo(2))
                .body("history[1].to", equalTo("OPEN"));
        assertEquals("RESOLVED", alertByKey("breaker").get("status"));

        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ALERTS, AlertEventTypes.BREAKER_KEY, Duration.ofSeconds(20),
                es -> es.stream().anyMatch(e -> AlertEventTypes.BREAKER_CLOSED.equals(e.type())));
        // the breaker's own events (beside the raised/resolved events of its alert, on the same key)
        assertEquals(List.of(EventTypes.ALERT_RAISED, AlertEventTypes.BREAKER_OPENED, EventTypes.ALERT_RESOLVED,
                AlertEventTypes.BREAKER_CLOSED), events.stream().map(KafkaTestClient.Event::type).toList());
        ship(orders.get(4));
        ship(orders.get(5));
    }

    @Test
    void sustainedOrderFloodStartsPromoModeAndItEndsWhenTheRateFallsBack() throws Exception {
        given().header("Authorization", bearer("ops")).get("/promo").then().statusCode(200).body("active", equalTo(false));
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        try {
            // 4 new orders every 250 ms (16 a second, above 5) for at most 20 s
            load.scheduleAtFixedRate(() -> {
                if (sent.get() < 320) {
                    for (int i = 0; i < 4; i++) {
                        String o = orderId();
                        kafka.publish(Topics.ORDERS_LIFECYCLE, o, EventTypes.ORDER_PENDING_PAYMENT, json(newUnpaidOrder(o)));
                        sent.incrementAndGet();
                    }
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(25)).untilAsserted(() -> given().header("Authorization", bearer("ops"))
                    .get("/promo").then().body("active", equalTo(true)));
        } finally {
            load.shutdownNow();
            load.awaitTermination(5, TimeUnit.SECONDS);
        }
        assertEquals("info", alertByKey("promo-mode").get("severity"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", bearer("ops"))
                .get("/promo").then().body("active", equalTo(false)));
        assertEquals("RESOLVED", alertByKey("promo-mode").get("status"));

        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ALERTS, AlertEventTypes.PROMO_MODE_KEY, Duration.ofSeconds(20),
                es -> es.stream().anyMatch(e -> AlertEventTypes.PROMO_MODE_ENDED.equals(e.type())));
        events = events.stream().filter(e -> e.type().startsWith("orderhub.alert.promo-mode-")).toList();
        assertEquals(List.of(AlertEventTypes.PROMO_MODE_STARTED, AlertEventTypes.PROMO_MODE_ENDED),
                events.stream().map(KafkaTestClient.Event::type).toList());
        var started = AlertingTestSupport.tree(events.get(0).data());
        assertTrue(started.path("active").asBoolean());
        assertEquals(5, started.path("threshold").asLong());
        assertEquals(3, started.path("recentCounts").size());
        started.path("recentCounts").forEach(c -> assertTrue(c.asLong() > 5, "every window above the threshold: " + started));
        var ended = AlertingTestSupport.tree(events.get(1).data());
        assertFalse(ended.path("active").asBoolean());
        assertTrue(ended.path("recentCounts").get(2).asLong() <= 5);
    }
}
