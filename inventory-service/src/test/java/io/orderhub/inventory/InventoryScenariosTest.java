package io.orderhub.inventory;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.orderhub.inventory.InventoryTestSupport.json;
import static io.orderhub.inventory.InventoryTestSupport.line;
import static io.orderhub.inventory.InventoryTestSupport.paidOrder;
import static io.orderhub.inventory.InventoryTestSupport.transition;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deposits, late payments, low stock, exchanges and warehouses, through the real broker. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InventoryScenariosTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
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

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String orderId() {
        return "OH2026" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    private static void stock(String warehouse, String sku, long onHand, Long threshold) {
        Map<String, Object> body = new HashMap<>();
        body.put("onHand", onHand);
        if (threshold != null) {
            body.put("safetyThreshold", threshold);
        }
        given().header("Authorization", bearer()).contentType(ContentType.JSON).body(body)
                .put("/stock/{w}/{s}", warehouse, sku).then().statusCode(200);
    }

    private static Map<String, Object> level(String sku) {
        return given().header("Authorization", bearer()).get("/stock/{s}", sku).then().statusCode(200)
                .extract().jsonPath().getMap("$");
    }

    private static long figure(String sku, String name) {
        return ((Number) level(sku).get(name)).longValue();
    }

    private static void paid(String order, FundingStatus funding, String sku, int quantity) {
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PAID, json(paidOrder(order, funding, line("L1", sku, quantity))));
    }

    private static List<KafkaTestClient.Event> inventoryEvents(String subject, String type) {
        return kafka.readSubject(Topics.INVENTORY, subject, WAIT, es -> es.stream().anyMatch(e -> type.equals(e.type())))
                .stream().filter(e -> type.equals(e.type())).toList();
    }

    @Test
    void aDepositIsConvertedWhenTheBalanceIsPaid() {
        String sku = unique("SKU-PRESALE");
        stock("WH-1", sku, 10, null);
        String order = orderId();
        // the deposit is paid: order-state announces PENDING_PAYMENT with DEPOSIT_FROZEN funding
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_PENDING_PAYMENT,
                json(paidOrder(order, FundingStatus.DEPOSIT_FROZEN, line("L1", sku, 10))));
        await().atMost(WAIT).until(() -> figure(sku, "depositFrozen") == 10);
        assertEquals(7.0, ((Number) level(sku).get("available")).doubleValue(), 1e-9, "10 − 10 × 0.3");

        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_BALANCE_PAID,
                json(transition(order, OrderState.STOCK_LOCKED, OrderState.STOCK_LOCKED)));
        await().atMost(WAIT).until(() -> figure(sku, "fullyPaidReserved") == 10);
        assertEquals(0, figure(sku, "depositFrozen"));
        given().header("Authorization", bearer()).get("/reservations/{id}", order).then()
                .body("[0].funding", equalTo("FULLY_PAID")).body("[0].status", equalTo("RESERVED"));
    }

    @Test
    void aBalanceWithoutRealUnitsIsRejectedAndTheDepositStays() {
        String sku = unique("SKU-PRESALE-SHORT");
        stock("WH-1", sku, 10, null);
        String presale = orderId();
        paid(presale, FundingStatus.DEPOSIT_FROZEN, sku, 20); // weighs 6 of 10
        await().atMost(WAIT).until(() -> figure(sku, "depositFrozen") == 20);
        String regular = orderId();
        paid(regular, FundingStatus.FULLY_PAID, sku, 4); // 10 − 6 = 4 available
        await().atMost(WAIT).until(() -> figure(sku, "fullyPaidReserved") == 4);

        // the balance arrives as a fully paid PAID snapshot of the presale order: only 6 real units are free
        paid(presale, FundingStatus.FULLY_PAID, sku, 20);
        List<KafkaTestClient.Event> rejected = inventoryEvents(presale, EventTypes.STOCK_REJECTED);
        assertEquals(1, rejected.size());
        assertTrue(rejected.get(0).data().contains("\"shortfall\":14"), rejected.get(0).data());
        assertTrue(rejected.get(0).data().contains("real units"), rejected.get(0).data());
        assertEquals(20, figure(sku, "depositFrozen"));
        assertEquals(4, figure(sku, "fullyPaidReserved"));
    }

    @Test
    void aLatePaymentAfterAReleaseReservesAgainIfItCanOrIsRejected() {
        String sku = unique("SKU-LATE");
        stock("WH-1", sku, 3, null);
        String order = orderId();
        paid(order, FundingStatus.FULLY_PAID, sku, 2);
        await().atMost(WAIT).until(() -> figure(sku, "fullyPaidReserved") == 2);
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_CLOSED, json(transition(order, OrderState.STOCK_LOCKED, OrderState.CLOSED)));
        await().atMost(WAIT).until(() -> figure(sku, "fullyPaidReserved") == 0);

        paid(order, FundingStatus.FULLY_PAID, sku, 2); // the payment callback, late
        await().atMost(WAIT).until(() -> figure(sku, "fullyPaidReserved") == 2);
        given().header("Authorization", bearer()).get("/reservations/{id}", order).then()
                .body("[0].status", equalTo("RESERVED"));

        String other = orderId();
        paid(other, FundingStatus.FULLY_PAID, sku, 1);
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_CLOSED, json(transition(order, OrderState.STOCK_LOCKED, OrderState.CLOSED)));
        await().atMost(WAIT).until(() -> figure(sku, "fullyPaidReserved") == 1);
        String third = orderId();
        paid(third, FundingStatus.FULLY_PAID, sku, 1);
        await().atMost(WAIT).until(() -> figure(sku, "fullyPaidReserved") == 2);
        paid(order, FundingStatus.FULLY_PAID, sku, 2); // late again: only 1 unit left now
        assertEquals(1, inventoryEvents(order, EventTypes.STOCK_REJECTED).size());
        assertEquals(2, figure(sku, "fullyPaidReserved"));
    }

    @Test
    void fallingBelowTheSafetyThresholdPublishesTheDepositShare() {
        String sku = unique("SKU-LOW");
        stock("WH-1", sku, 10, 5L);
        paid(orderId(), FundingStatus.DEPOSIT_FROZEN, sku, 10); // available 7: above the threshold
        await().atMost(WAIT).until(() -> figure(sku, "depositFrozen") == 10);
        paid(orderId(), FundingStatus.FULLY_PAID, sku, 3); // available 4 < 5
        List<KafkaTestClient.Event> low = inventoryEvents(sku, EventTypes.STOCK_LOW);
        assertEquals(1, low.size(), "only the second reservation crossed the threshold");
        assertEquals(sku, low.get(0).key(), "stock-level events are keyed by SKU");
        assertTrue(low.get(0).data().contains("77 % of reserved units are deposits"), low.get(0).data());
    }

    @Test
    void anExchangeFreezesTheOriginalLineAndReservesTheNewSku() {
        String original = unique("SKU-SHOE-38");
        String replacement = unique("SKU-SHOE-39");
        stock("WH-1", original, 5, null);
        stock("WH-1", replacement, 2, null);
        String order = orderId();
        paid(order, FundingStatus.FULLY_PAID, original, 1);
        await().atMost(WAIT).until(() -> figure(original, "fullyPaidReserved") == 1);
        kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_SHIPPED, json(transition(order, OrderState.LABEL_PRINTED, OrderState.SHIPPED)));
        await().atMost(WAIT).until(() -> figure(original, "onHand") == 4);

        String returnId = UUID.randomUUID().toString();
        ReturnChanged approved = new ReturnChanged(returnId, order, "EXCHANGE", Set.of(), "APPROVED", original, replacement, 1, Instant.now());
        kafka.publish(Topics.RETURNS, order, EventTypes.RETURN_APPROVED, json(approved));
        kafka.publish(Topics.RETURNS, order, EventTypes.RETURN_APPROVED, json(approved)); // a second delivery with a new id
        await().atMost(WAIT).until(() -> figure(replacement, "fullyPaidReserved") == 1);
        given().header("Authorization", bearer()).get("/reservations/{id}", order).then()
                .body("status", hasItems("FROZEN", "RESERVED"))
                .body("find { it.sku == '" + replacement + "' }.lineId", equalTo("EXCHANGE-" + returnId))
                .body("find { it.sku == '" + original + "' }.status", equalTo("FROZEN"));
        assertEquals(1, figure(replacement, "fullyPaidReserved"), "the exchange is reserved once");
        assertEquals(4, figure(original, "onHand"), "the original SKU is not deducted again");
    }

    @Test
    void anExchangeShipmentConsumesTheNewSkuAndGoodsSentBackGiveItBack() {
        String original = unique("SKU-TEE-M");
        String replacement = unique("SKU-TEE-L");
        stock("WH-1", original, 5, null);
        stock("WH-1", replacement, 3, null);
        String shippedOrder = orderId();
        String sentBackOrder = orderId();
        for (String order : List.of(shippedOrder, sentBackOrder)) {
            paid(order, FundingStatus.FULLY_PAID, original, 1);
        }
        await().atMost(WAIT).until(() -> figure(original, "fullyPaidReserved") == 2);
        for (String order : List.of(shippedOrder, sentBackOrder)) {
            kafka.publish(Topics.ORDERS_LIFECYCLE, order, EventTypes.ORDER_SHIPPED, json(transition(order, OrderState.LABEL_PRINTED, OrderState.SHIPPED)));
        }
        await().atMost(WAIT).until(() -> figure(original, "onHand") == 3);

        ReturnChanged exchanged = new ReturnChanged(UUID.randomUUID().toString(), shippedOrder, "EXCHANGE", Set.of(), "APPROVED", original, replacement, 1, Instant.now());
        ReturnChanged sentBack = new ReturnChanged(UUID.randomUUID().toString(), sentBackOrder, "EXCHANGE", Set.of(), "APPROVED", original, replacement, 1, Instant.now());
        kafka.publish(Topics.RETURNS, shippedOrder, EventTypes.RETURN_APPROVED, json(exchanged));
        kafka.publish(Topics.RETURNS, sentBackOrder, EventTypes.RETURN_APPROVED, json(sentBack));
        await().atMost(WAIT).until(() -> figure(replacement, "fullyPaidReserved") == 2);

        kafka.publish(Topics.RETURNS, shippedOrder, EventTypes.RETURN_EXCHANGE_SHIPPED, json(exchanged));
        kafka.publish(Topics.RETURNS, sentBackOrder, EventTypes.RETURN_REJECTED_BACK_TO_CUSTOMER, json(sentBack));
        await().atMost(WAIT).until(() -> figure(replacement, "fullyPaidReserved") == 0);
        assertEquals(2, figure(replacement, "onHand"), "only the shipped exchange took a unit off the shelf");
        given().header("Authorization", bearer()).get("/reservations/{id}", shippedOrder).then()
                .body("find { it.lineId == 'EXCHANGE-" + exchanged.returnId() + "' }.status", equalTo("CONSUMED"));
        given().header("Authorization", bearer()).get("/reservations/{id}", sentBackOrder).then()
                .body("find { it.lineId == 'EXCHANGE-" + sentBack.returnId() + "' }.status", equalTo("RELEASED"));
        assertEquals(3, figure(original, "onHand"), "the original SKU is untouched by the exchange's end");
    }

    @Test
    void aLineComesWholeFromTheNamedWarehouseOrTheFirstThatCanFillIt() {
        String sku = unique("SKU-MULTI");
        stock("WH-A", sku, 1, null);
        stock("WH-B", sku, 5, null);
        String big = orderId();
        paid(big, FundingStatus.FULLY_PAID, sku, 3);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", bearer()).get("/reservations/{id}", big)
                .then().body("[0].warehouse", equalTo("WH-B")).body("[0].quantity", equalTo(3)));

        String named = orderId();
        OrderLifecycleChanged p = paidOrder(named, FundingStatus.FULLY_PAID, line("L1", sku, 1));
        OrderLifecycleChanged withWarehouse = new OrderLifecycleChanged(p.globalOrderId(), p.channel(), p.from(), p.to(),
                false, null, p.actor(), p.trigger(), p.holds(), p.funding(), p.lines(), null, null, p.paidAt(), p.occurredAt(), "WH-A");
        kafka.publish(Topics.ORDERS_LIFECYCLE, named, EventTypes.ORDER_PAID, json(withWarehouse));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", bearer()).get("/reservations/{id}", named)
                .then().body("[0].warehouse", equalTo("WH-A")));

        String tooBig = orderId();
        paid(tooBig, FundingStatus.FULLY_PAID, sku, 3); // 0 left in A, 2 in B: never split 3 across them
        assertEquals(1, inventoryEvents(tooBig, EventTypes.STOCK_REJECTED).size());
    }
}
