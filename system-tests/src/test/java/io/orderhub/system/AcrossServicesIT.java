package io.orderhub.system;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderhub.system.Hub.DEADLINE;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one service decides and another must act on, proven with all six running as processes: a cancellation
 * gives the stock back and stops a printed parcel; a refund before shipment closes the order; an exchange holds
 * the new SKU and takes it off the shelf when it ships; an ERP full-sync of old statuses moves no shipped order.
 */
@ExtendWith(HubStackExtension.class)
class AcrossServicesIT {
    private static Hub hub;

    @BeforeAll
    static void connect() {
        hub = new Hub(HubStackExtension.stack());
    }

    private static String sku(String name) {
        return "SYS-" + name + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static List<Object> statuses(String globalOrderId) {
        return hub.reservations(globalOrderId).stream().map(r -> r.get("status")).toList();
    }

    @Test
    void theBuyerCancellingAfterTheLabelWasPrintedGivesTheStockBackAndStopsTheParcel() {
        String mug = sku("MUG");
        String lid = sku("LID");
        hub.setStock("WH-NYC", mug, 5);
        hub.setStock("WH-NYC", lid, 5);
        long shopifyId = Hub.newShopifyOrderId();
        String id = hub.lockedOrder(shopifyId, mug, lid);
        assertEquals(1, hub.stockFigure(mug, "fullyPaidReserved"));
        assertEquals(2, hub.stockFigure(lid, "fullyPaidReserved"));
        hub.act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF1400077001"))
                .then().statusCode(200);

        String cancelled = hub.deliver("orders/cancelled", ShopifyWebhook.cancelledOrder(shopifyId, mug, lid));
        assertEquals(id, cancelled, "the cancellation is the same order");

        hub.awaitState(id, "CLOSED");
        hub.order(id).then().body("conditions", hasItem("INTERCEPTED"));
        await().atMost(DEADLINE).until(() -> HubStackExtension.stack().wms().intercepted().contains(id));
        await().atMost(DEADLINE).until(() -> statuses(id).stream().allMatch("RELEASED"::equals));
        assertEquals(0, hub.stockFigure(mug, "fullyPaidReserved"));
        assertEquals(0, hub.stockFigure(lid, "fullyPaidReserved"));
        assertEquals(5, hub.stockFigure(mug, "onHand"), "nothing left the shelf");
        assertEquals(5, hub.stockFigure(lid, "onHand"));
    }

    @Test
    void customerServiceCancellingAnUnprintedOrderReleasesItsStock() {
        String kettle = sku("KETTLE");
        String filter = sku("FILTER");
        hub.setStock("WH-NYC", kettle, 3);
        hub.setStock("WH-NYC", filter, 3);
        String id = hub.lockedOrder(Hub.newShopifyOrderId(), kettle, filter);

        hub.act("cs", id, "cancel", Map.of("reason", "customer asked by phone")).then().statusCode(200)
                .body("state", equalTo("CLOSED"));

        await().atMost(DEADLINE).until(() -> statuses(id).stream().allMatch("RELEASED"::equals));
        assertEquals(0, hub.stockFigure(filter, "fullyPaidReserved"));
        assertTrue(HubStackExtension.stack().wms().intercepted().stream().noneMatch(id::equals),
                "no label was printed, so there is no parcel to stop");
    }

    @Test
    void aRefundOnlyBeforeShipmentClosesTheOrderReleasesTheStockAndThenRefunds() {
        String lamp = sku("LAMP");
        String bulb = sku("BULB");
        hub.setStock("WH-NYC", lamp, 4);
        hub.setStock("WH-NYC", bulb, 4);
        String id = hub.lockedOrder(Hub.newShopifyOrderId(), lamp, bulb);
        await().atMost(DEADLINE).untilAsserted(() -> hub.as("returns-service", "cs").get("/returns/orders/{id}", id)
                .then().statusCode(200).body("state", equalTo("STOCK_LOCKED")));

        String returnId = hub.as("returns-service", "cs").contentType(ContentType.JSON)
                .body(Map.of("globalOrderId", id, "text", "还没发货吧？不要了，帮我退款"))
                .post("/returns").then().statusCode(201).body("intent", equalTo("REFUND_ONLY"))
                .extract().path("id");

        hub.awaitState(id, "CLOSED");
        await().atMost(DEADLINE).until(() -> statuses(id).stream().allMatch("RELEASED"::equals));
        assertEquals(0, hub.stockFigure(lamp, "fullyPaidReserved"));
        await().atMost(DEADLINE).untilAsserted(() -> hub.as("returns-service", "cs").get("/returns/{id}", returnId)
                .then().statusCode(200).body("status", equalTo("REFUNDED")));
        hub.act("warehouse", id, "print-label", Map.of("carrier", "SF", "trackingNumber", "SF1400077002"))
                .then().statusCode(409);
    }

    @Test
    void anExchangeReservesTheNewSkuAndTakesItOffTheShelfWhenItShips() {
        String small = sku("SHOE-38");
        String large = sku("SHOE-39");
        String laces = sku("LACES");
        hub.setStock("WH-NYC", small, 5);
        hub.setStock("WH-NYC", laces, 5);
        hub.setStock("WH-NYC", large, 3);
        String id = hub.lockedOrder(Hub.newShopifyOrderId(), small, laces);
        hub.ship(id, "SF1400077003");
        await().atMost(DEADLINE).until(() -> statuses(id).stream().allMatch("CONSUMED"::equals));
        await().atMost(DEADLINE).untilAsserted(() -> hub.as("returns-service", "cs").get("/returns/orders/{id}", id)
                .then().statusCode(200).body("state", equalTo("SHIPPED")));

        String returnId = hub.as("returns-service", "cs").contentType(ContentType.JSON)
                .body(Map.of("globalOrderId", id, "text", "鞋子小了,帮我换大一码的吧", "sku", small, "newSku", large))
                .post("/returns").then().statusCode(201).body("intent", equalTo("EXCHANGE"))
                .extract().path("id");

        // inventory holds the new SKU for it and freezes the original line
        await().atMost(DEADLINE).untilAsserted(() -> hub.as("returns-service", "cs").get("/returns/{id}", returnId)
                .then().body("status", equalTo("AWAITING_GOODS")).body("exchangeStock", equalTo("RESERVED"))
                .body("workOrderTitle", equalTo("【换货】" + id)));
        Map<String, Object> exchangeLine = hub.reservations(id).stream()
                .filter(r -> ("EXCHANGE-" + returnId).equals(r.get("lineId"))).findFirst().orElseThrow();
        assertEquals(large, exchangeLine.get("sku"));
        assertEquals("RESERVED", exchangeLine.get("status"));
        assertTrue(hub.reservations(id).stream().anyMatch(r -> small.equals(r.get("sku")) && "FROZEN".equals(r.get("status"))),
                "the original line is frozen: " + hub.reservations(id));
        assertEquals(1, hub.stockFigure(large, "fullyPaidReserved"));
        // ...and the shipped order is not dragged back to "stock locked" by the exchange's reservation
        hub.order(id).then().body("state", equalTo("SHIPPED"));
        assertTrue(hub.timeline(id).stream().noneMatch(e -> "REFUSAL".equals(e.get("kind"))), "no refusal: " + hub.timeline(id));

        hub.as("returns-service", "warehouse").contentType(ContentType.JSON).body(Map.of("note", "box intact"))
                .post("/returns/{id}/receive", returnId).then().statusCode(200);
        hub.as("returns-service", "warehouse").contentType(ContentType.JSON).body(Map.of("passed", true))
                .post("/returns/{id}/qc", returnId).then().statusCode(200).body("status", equalTo("EXCHANGE_SHIPPED"));

        await().atMost(DEADLINE).until(() -> hub.reservations(id).stream()
                .anyMatch(r -> ("EXCHANGE-" + returnId).equals(r.get("lineId")) && "CONSUMED".equals(r.get("status"))));
        assertEquals(0, hub.stockFigure(large, "fullyPaidReserved"));
        assertEquals(2, hub.stockFigure(large, "onHand"), "the new pair left the warehouse");
    }

    @Test
    void anErpFullSyncOfOldStatusesLeavesEveryShippedOrderShipped() {
        int batch = 6;
        String cup = sku("CUP");
        String saucer = sku("SAUCER");
        hub.setStock("WH-NYC", cup, batch);
        hub.setStock("WH-NYC", saucer, 2 * batch);
        List<Long> shopifyIds = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            long shopifyId = Hub.newShopifyOrderId();
            shopifyIds.add(shopifyId);
            ids.add(hub.deliver("orders/create", ShopifyWebhook.paidOrder(shopifyId, cup, saucer)));
        }
        for (int i = 0; i < batch; i++) {
            hub.awaitState(ids.get(i), "STOCK_LOCKED");
            hub.ship(ids.get(i), "SF14000880" + i);
        }
        await().atMost(DEADLINE).until(() -> hub.stockFigure(cup, "onHand") == 0);

        for (long shopifyId : shopifyIds) {
            hub.deliver("orders/updated", ShopifyWebhook.staleStatusReplay(shopifyId, cup, saucer));
        }

        for (String id : ids) {
            await().atMost(DEADLINE).until(() -> hub.timeline(id).stream().anyMatch(e -> "REFUSAL".equals(e.get("kind"))
                    && "SHIPPED".equals(e.get("from")) && "PAID".equals(e.get("to"))));
            hub.order(id).then().body("state", equalTo("SHIPPED"));
            assertTrue(statuses(id).stream().allMatch("CONSUMED"::equals), "nothing re-reserved for " + id);
        }
        assertEquals(0, hub.stockFigure(cup, "fullyPaidReserved"), "the replay reserved nothing again");
        assertEquals(0, hub.stockFigure(cup, "onHand"));
    }
}
