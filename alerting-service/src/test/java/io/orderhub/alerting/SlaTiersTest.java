package io.orderhub.alerting;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.devstack.sim.alerts.AlertReceivers;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.orderhub.alerting.AlertingTestSupport.alertsOf;
import static io.orderhub.alerting.AlertingTestSupport.bearer;
import static io.orderhub.alerting.AlertingTestSupport.clock;
import static io.orderhub.alerting.AlertingTestSupport.json;
import static io.orderhub.alerting.AlertingTestSupport.orderId;
import static io.orderhub.alerting.AlertingTestSupport.paidOrder;
import static io.orderhub.alerting.AlertingTestSupport.presaleDepositPaid;
import static io.orderhub.alerting.AlertingTestSupport.put;
import static io.orderhub.alerting.AlertingTestSupport.tierOf;
import static io.orderhub.alerting.AlertingTestSupport.transition;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SLA tiers with the two-hour rules in seconds (test profile): the {@code express} category (SKUs {@code EXP-})
 * ships within 6 s; L1 fires 3 s before the deadline, L2 at it, L3 3 s after it.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = AlertSinksTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlaTiersTest {
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static void publish(String order, String type, Object payload) {
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, type, json(payload));
    }

    private static double breaches(String channel) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String prefix = "orderhub_sla_breaches_total{channel=\"" + channel + "\"";
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    @Test
    void tiersFireInOrderToTheirChannelsAndL3FreezesCoupons() {
        assertEquals(0.0, breaches("douyin"), "the breach counter exists from startup at 0");
        String order = orderId();
        Instant paid = Instant.now();
        publish(order, EventTypes.ORDER_PAID, paidOrder(order, "douyin", paid, "WH-SH", "EXP-KETTLE"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "L1".equals(tierOf(order)));
        clock(order).statusCode(200).body("rule", equalTo("express")).body("windowSeconds", equalTo(6))
                .body("firedTier", equalTo(1));
        assertTrue(Instant.now().isBefore(paid.plusSeconds(6)), "L1 comes before the deadline");
        await().atMost(Duration.ofSeconds(20)).until(() -> "L2".equals(tierOf(order)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "L3".equals(tierOf(order)));
        alertsOf(order).body("$", hasSize(1)).body("[0].severity", equalTo("critical")).body("[0].team", equalTo("supervisor"))
                .body("[0].status", equalTo("FIRING"));
        assertEquals(1.0, breaches("douyin"), "L2 counts one breach for the order's channel");

        // L3 freezes coupon issuance for the order (a durable call to the coupon system)
        await().atMost(Duration.ofSeconds(15)).until(() -> AlertSinksTestResource.wms().frozenCoupons().contains(order));

        // raised (L1), escalated (L2), escalated (L3), in that order, on orderhub.alerts.v1
        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ALERTS, order, Duration.ofSeconds(20),
                es -> es.size() >= 3);
        assertEquals(List.of(EventTypes.ALERT_RAISED, EventTypes.ALERT_ESCALATED, EventTypes.ALERT_ESCALATED),
                events.stream().map(KafkaTestClient.Event::type).toList());
        assertTrue(events.get(0).data().contains("\"tier\":\"L1\"") && events.get(2).data().contains("\"tier\":\"L3\""));

        // each tier reached its own channels: L1 the warehouse (WeCom), L2 on-call (Slack), L3 the supervisor (DingTalk)
        AlertReceivers r = AlertSinksTestResource.receivers();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertTrue(r.deliveries(AlertReceivers.Kind.WECOM).stream().anyMatch(d -> d.body().contains("L1 Order " + order)));
            assertTrue(r.deliveries(AlertReceivers.Kind.SLACK).stream().anyMatch(d -> d.body().contains("L2 Order " + order)));
            assertTrue(r.deliveries(AlertReceivers.Kind.DINGTALK).stream().anyMatch(d -> d.body().contains("L3 Order " + order)));
        });
        assertTrue(r.deliveries(AlertReceivers.Kind.SLACK).stream().noneMatch(d -> d.body().contains("L1 Order " + order)),
                "a warning is not sent to the critical-only channel");
        List<String> webhookTiers = r.deliveries(AlertReceivers.Kind.WEBHOOK).stream().filter(d -> d.accepted() && d.body().contains(order))
                .flatMap(d -> java.util.stream.StreamSupport.stream(d.json().path("alerts").spliterator(), false))
                .filter(a -> order.equals(a.path("globalOrderId").asText()))
                .map(a -> a.path("tier").asText()).toList();
        assertEquals(List.of("L1", "L2", "L3"), webhookTiers, "the all-alerts webhook saw every tier once, in order");
    }

    @Test
    void onlyOrdersThatShouldBeChasedEscalate() {
        Instant now = Instant.now();
        String control = orderId();
        String acked = orderId();
        String shippedBeforeL1 = orderId();
        String shippedAfterL1 = orderId();
        String presale = orderId();
        String madeToOrder = orderId();
        String customerDelay = orderId();
        String channelDelay = orderId();

        publish(presale, EventTypes.ORDER_PENDING_PAYMENT, presaleDepositPaid(presale, "jd", "EXP-PRESALE"));
        for (String o : List.of(control, acked, shippedBeforeL1, shippedAfterL1, customerDelay, channelDelay)) {
            if (o.equals(channelDelay)) {
                OrderIngested ingested = new OrderIngested(o, "jd", "demo", "JD-" + o, "WAIT_SELLER_STOCK_OUT", OrderState.PAID,
                        Set.of("CUSTOMER_AGREED_DELAY"), null, null, null, null, List.of(AlertingTestSupport.line("EXP-DELAY")),
                        now, now, now, null);
                kafka.publish(Topics.ORDERS_INGESTED, o, EventTypes.ORDER_INGESTED, json(ingested));
            }
            publish(o, EventTypes.ORDER_PAID, paidOrder(o, "jd", now, "WH-SH", "EXP-TEA"));
        }
        publish(presale, EventTypes.ORDER_PAID, paidOrder(presale, "jd", now, "WH-SH", "EXP-PRESALE"));
        publish(madeToOrder, EventTypes.ORDER_PAID, paidOrder(madeToOrder, "jd", now, "WH-SH", "MTO-SOFA", "EXP-CUSHION"));
        publish(shippedBeforeL1, EventTypes.ORDER_SHIPPED, transition(shippedBeforeL1, OrderState.LABEL_PRINTED, OrderState.SHIPPED, Set.of()));

        // the customer agreed to a delay: customer service records it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clock(customerDelay).statusCode(200).body("paidAt", notNullValue()));
        put("cs", "/sla-clocks/{id}/exemption", Map.of("reason", "customer_agreed_delay", "note", "ships Monday, agreed by phone"),
                customerDelay).statusCode(200).body("exemptReason", equalTo("CUSTOMER_AGREED_DELAY"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "L1".equals(tierOf(acked)) && "L1".equals(tierOf(shippedAfterL1)));
        String ackedId = alertsOf(acked).extract().path("[0].id");
        given().header("Authorization", bearer("warehouse")).post("/alerts/{id}/ack", ackedId).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("dev-warehouse"));
        publish(shippedAfterL1, EventTypes.ORDER_SHIPPED, transition(shippedAfterL1, OrderState.LABEL_PRINTED, OrderState.SHIPPED, Set.of()));

        // the control order, paid at the same time, goes all the way to L3 ...
        await().atMost(Duration.ofSeconds(25)).until(() -> "L3".equals(tierOf(control)));
        // ... by then the acknowledged alert has not escalated, the shipped one resolved, the exempt ones never fired
        alertsOf(acked).body("[0].tier", equalTo("L1")).body("[0].status", equalTo("ACKNOWLEDGED"));
        clock(acked).body("escalationStopped", equalTo(true)).body("firedTier", equalTo(1));
        alertsOf(shippedAfterL1).body("[0].tier", equalTo("L1")).body("[0].status", equalTo("RESOLVED"));
        clock(shippedAfterL1).body("state", equalTo("SHIPPED")).body("stoppedAt", notNullValue());
        for (String quiet : List.of(shippedBeforeL1, presale, madeToOrder, customerDelay, channelDelay)) {
            alertsOf(quiet).body("$", hasSize(0));
            assertNull(tierOf(quiet), quiet);
        }
        clock(shippedBeforeL1).body("firedTier", equalTo(0)).body("stoppedAt", notNullValue());
        clock(presale).body("exemptReason", equalTo("PRESALE")).body("deadline", nullValue());
        clock(madeToOrder).body("exemptReason", equalTo("MADE_TO_ORDER"));
        clock(channelDelay).body("exemptReason", equalTo("CUSTOMER_AGREED_DELAY"));
        clock(customerDelay).body("firedTier", equalTo(0));
    }

    @Test
    void packersOnDutyChangeTheWindowAndEveryOpenDeadlineIsRecomputed() {
        Map<String, Object> original = given().header("Authorization", bearer("ops")).get("/sla-policy").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        try {
            String order = orderId();
            Instant paid = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String twoHours = paid.plus(Duration.ofHours(2)).toString();
            String fourHours = paid.plus(Duration.ofHours(4)).toString();
            publish(order, EventTypes.ORDER_PAID, paidOrder(order, "taobao", paid, "WH-POLICY", "STD-LAMP"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clock(order).statusCode(200)
                    .body("deadline", equalTo(twoHours)).body("rule", equalTo("default")));

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = new java.util.ArrayList<>((List<Map<String, Object>>) original.get("rules"));
            rules.add(Map.of("name", "short-staffed", "position", 50, "warehouse", "WH-POLICY", "maxPackers", 2, "window", "PT4H"));
            Map<String, Object> policy = Map.of("rules", rules, "packersOnDuty", Map.of("WH-POLICY", 5),
                    "skuCategories", original.get("skuCategories"));
            put("ops", "/sla-policy", policy).statusCode(200).body("source", equalTo("rest")).body("packersOnDuty.WH-POLICY", equalTo(5));
            clock(order).body("deadline", equalTo(twoHours));

            // two packers called in sick: the warehouse lead says so, the deadline moves at once
            put("warehouse", "/sla-policy/packers/{w}", Map.of("packers", 1), "WH-POLICY").statusCode(200)
                    .body("packersOnDuty.WH-POLICY", equalTo(1));
            clock(order).body("deadline", equalTo(fourHours)).body("rule", equalTo("short-staffed"));

            put("warehouse", "/sla-policy/packers/{w}", Map.of("packers", -1), "WH-POLICY").statusCode(400)
                    .contentType("application/problem+json");
            put("cs", "/sla-policy", policy).statusCode(403);
        } finally {
            put("ops", "/sla-policy", Map.of("rules", original.get("rules"), "packersOnDuty", Map.of(),
                    "skuCategories", original.get("skuCategories"))).statusCode(200);
        }
    }
}
