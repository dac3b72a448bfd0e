package io.orderhub.alerting;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static io.orderhub.alerting.AlertingTestSupport.alertsOf;
import static io.orderhub.alerting.AlertingTestSupport.clock;
import static io.orderhub.alerting.AlertingTestSupport.count;
import static io.orderhub.alerting.AlertingTestSupport.json;
import static io.orderhub.alerting.AlertingTestSupport.line;
import static io.orderhub.alerting.AlertingTestSupport.orderId;
import static io.orderhub.alerting.AlertingTestSupport.paidOrder;
import static io.orderhub.alerting.AlertingTestSupport.transition;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The clock of an ordinary order (ingested snapshot, paid as a new order, stock locked), written by one statement per
 * event: the snapshot's and the lifecycle events' fields merge as before, whichever comes first.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = AlertSinksTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrdinaryOrderClockTest {
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static OrderIngested snapshot(String order, String channel, String sku) {
        Instant now = Instant.now();
        return new OrderIngested(order, channel, "demo", "CH-" + order, "WAIT_SELLER_SEND_GOODS", OrderState.PAID, Set.of(),
                null, null, null, null, List.of(line(sku)), now, now, now, null);
    }

    @Test
    void snapshotThenPaidThenStockLockedGivesTheDeadlineOfTheRules() throws Exception {
        String order = orderId();
        Instant paid = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        kafka.publish(Topics.ORDERS_INGESTED, order, EventTypes.ORDER_INGESTED, json(snapshot(order, "taobao", "STD-PLATE")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clock(order).statusCode(200).body("channel", equalTo("taobao")));
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, json(paidOrder(order, "taobao", paid, "WH-ORD", "STD-PLATE")));
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_STOCK_LOCKED,
                json(transition(order, OrderState.PAID, OrderState.STOCK_LOCKED, Set.of())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clock(order).statusCode(200)
                .body("state", equalTo("STOCK_LOCKED"))
                .body("paidAt", equalTo(paid.toString()))
                .body("deadline", equalTo(paid.plus(Duration.ofHours(2)).toString()))
                .body("windowSeconds", equalTo(7200)).body("rule", equalTo("default"))
                .body("warehouse", equalTo("WH-ORD")).body("channel", equalTo("taobao"))
                .body("exemptReason", nullValue()).body("firedTier", equalTo(0)));
        assertEquals(1, count("select count(*) from order_arrival where global_order_id = ?", order), "counted once for promo mode");
        assertEquals("STD-PLATE", skus(order));

        // shipped: the clock stops; it never fired a tier, so it has no alert
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_SHIPPED,
                json(transition(order, OrderState.LABEL_PRINTED, OrderState.SHIPPED, Set.of())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clock(order).body("state", equalTo("SHIPPED"))
                .body("stoppedAt", notNullValue()));
        alertsOf(order).body("$", hasSize(0));
    }

    @Test
    void aPaidEventWithoutLinesIsDecidedFromTheSnapshotsSkus() {
        // the snapshot names a made-to-order SKU; the paid event has no lines: the rule of the snapshot's SKUs exempts it
        String order = orderId();
        kafka.publish(Topics.ORDERS_INGESTED, order, EventTypes.ORDER_INGESTED, json(snapshot(order, "jd", "MTO-TABLE")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clock(order).statusCode(200).body("channel", equalTo("jd")));
        OrderLifecycleChanged paid = new OrderLifecycleChanged(order, "jd", null, OrderState.PAID, false, null, "channel:jd",
                "orderhub.order.ingested.v1", Set.of(), FundingStatus.FULLY_PAID, List.of(), null, null, Instant.now(),
                Instant.now(), "WH-ORD");
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, json(paid));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clock(order).statusCode(200)
                .body("state", equalTo("PAID")).body("paidAt", notNullValue())
                .body("exemptReason", equalTo("MADE_TO_ORDER")).body("deadline", nullValue()));
    }

    @Test
    void paidBeforeItsSnapshotKeepsTheEventsSkusAndDeadline() throws Exception {
        // lifecycle first (another topic, so any order is possible), then a snapshot with other SKUs: the clock keeps its own
        String order = orderId();
        Instant paid = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, json(paidOrder(order, "pdd", paid, "WH-ORD", "STD-CUP")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clock(order).statusCode(200)
                .body("deadline", equalTo(paid.plus(Duration.ofHours(2)).toString())));
        java.sql.Timestamp before = java.sql.Timestamp.from(Instant.now());
        kafka.publish(Topics.ORDERS_INGESTED, order, EventTypes.ORDER_INGESTED, json(snapshot(order, "other", "MTO-CUP")));
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from sla_clock where global_order_id = ? and updated_at >= ?", order, before) == 1);
        clock(order).body("channel", equalTo("pdd")).body("exemptReason", nullValue())
                .body("deadline", equalTo(paid.plus(Duration.ofHours(2)).toString()));
        assertEquals("STD-CUP", skus(order));
    }

    private static String skus(String order) throws Exception {
        var pg = OrderHubTestResource.postgres();
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             var st = c.prepareStatement("select skus from sla_clock where global_order_id = ?")) {
            st.setString(1, order);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
