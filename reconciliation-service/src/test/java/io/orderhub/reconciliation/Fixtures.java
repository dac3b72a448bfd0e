package io.orderhub.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.devstack.sim.erp.SalesOrder;
import io.orderhub.devstack.sim.marketplace.SimOrder;
import io.orderhub.devstack.sim.marketplace.Snapshot;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Builders of orders in the four sources, named after what they make, and the calls the tests share. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Fixtures() {
    }

    static String bearer(String role) {
        return "Bearer " + OrderHubTestResource.token(role);
    }

    /** A fresh global order id: OH + year + 8 Crockford base32 characters. */
    static String globalId() {
        StringBuilder sb = new StringBuilder("OH2026");
        for (int i = 0; i < 8; i++) {
            sb.append(CROCKFORD.charAt(ThreadLocalRandom.current().nextInt(32)));
        }
        return sb.toString();
    }

    static String trackingNumber() {
        return "SF" + (1_000_000_000_000L + ThreadLocalRandom.current().nextLong(9_000_000_000_000L));
    }

    /** A Shopify order in the marketplace simulator and the global id the hub gives it. */
    record ShopifyOrder(String gid, String orderId, Instant paidAt, Snapshot snapshot) {
    }

    /** A paid Shopify order of the demo shop (goods 90.00, shipping 5.00, discount 6.00: 89.00 USD), not pushed. */
    static ShopifyOrder paidShopifyOrder(Consumer<SimOrder> setup) {
        SimOrder o = Simulators.marketplace().createOrder("shopify", "demo", setup);
        Snapshot s = Simulators.marketplace().snapshot("shopify", "demo", o.orderId());
        Instant paid = OffsetDateTime.parse(s.order().get("processed_at").asText()).toInstant();
        return new ShopifyOrder(globalId(), o.orderId(), paid, s);
    }

    /** Paid {@code ago} (the platform's processed_at says so). */
    static Consumer<SimOrder> paidAgo(Duration ago) {
        return o -> o.extra("processed_at", OffsetDateTime.now(ZoneOffset.ofHours(-5)).minus(ago).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The ERP's sales order of a Shopify order, agreeing with it: audited a minute after payment. */
    static SalesOrder erpOrderOf(ShopifyOrder s) {
        return SalesOrder.audited(s.gid(), "shopify", "demo", s.orderId(), s.paidAt(), "USD", "90.00", "5.00", "6.00");
    }

    /** What order-ingest-service publishes for the Shopify order: its global id, total and fees. */
    static void ingested(KafkaTestClient kafka, ShopifyOrder s, OrderState status) {
        var order = s.snapshot().order();
        Map<String, Money> fees = new LinkedHashMap<>();
        fees.put("SHIPPING", Money.of(order.path("total_shipping_price_set").path("shop_money").path("amount").asText(), "USD"));
        fees.put("TAX", Money.of(order.path("total_tax").asText(), "USD"));
        fees.put("DISCOUNT", Money.of(order.path("total_discounts").asText(), "USD"));
        OrderIngested payload = new OrderIngested(s.gid(), "shopify", "demo", s.orderId(), order.path("financial_status").asText(),
                status, Set.of(), null, Money.of(order.path("total_price").asText(), "USD"), fees, null, List.of(),
                s.paidAt().minusSeconds(15), s.paidAt(), s.snapshot().updatedAt(), "raw-" + s.orderId());
        kafka.publish(Topics.ORDERS_INGESTED, s.gid(), EventTypes.ORDER_INGESTED, json(payload));
    }

    static void ingested(KafkaTestClient kafka, String gid, String channel, String channelOrderId, Money total, Instant paidAt) {
        ingested(kafka, gid, channel, "demo", channelOrderId, total, paidAt);
    }

    static void ingested(KafkaTestClient kafka, String gid, String channel, String shop, String channelOrderId, Money total, Instant paidAt) {
        OrderIngested payload = new OrderIngested(gid, channel, shop, channelOrderId, "paid", OrderState.PAID, Set.of(), null,
                total, Map.of(), null, List.of(), paidAt.minusSeconds(15), paidAt, paidAt, "raw-" + channelOrderId);
        kafka.publish(Topics.ORDERS_INGESTED, gid, EventTypes.ORDER_INGESTED, json(payload));
    }

    /** A lifecycle transition as order-state-service publishes it. */
    static void transition(KafkaTestClient kafka, String gid, String channel, OrderState from, OrderState to, Instant paidAt,
            String trackingNumber) {
        OrderLifecycleChanged payload = new OrderLifecycleChanged(gid, channel, from, to, false, null, "service:order-state-service",
                "test", Set.of(), null, List.of(), trackingNumber == null ? null : "SF", trackingNumber, paidAt, Instant.now(), null);
        kafka.publish(Topics.ORDERS_LIFECYCLE, gid, EventTypes.lifecycleTypeFor(to), json(payload));
    }

    /** A hold placed on the order (state unchanged). */
    static void held(KafkaTestClient kafka, String gid, String channel, OrderState state, Instant paidAt, String hold, String reason) {
        OrderLifecycleChanged payload = new OrderLifecycleChanged(gid, channel, state, state, false, hold + ": " + reason,
                "service:order-state-service", "test", Set.of(hold), null, List.of(), null, null, paidAt, Instant.now(), null);
        kafka.publish(Topics.ORDERS_LIFECYCLE, gid, EventTypes.ORDER_HELD, json(payload));
    }

    /** Waits until the hub's side of the order shows {@code state} (and, if asked, the ingested total). */
    static void awaitHub(String gid, String state, boolean ingested) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var r = given().header("Authorization", bearer("ops")).get("/hub-orders/{id}", gid);
            if (r.statusCode() != 200) {
                return false;
            }
            JsonPath j = r.jsonPath();
            return state.equals(j.getString("state")) && (!ingested || j.getString("total") != null);
        });
    }

    /** POST /runs?wait=true: a run that started after this call, finished. */
    static JsonPath run() {
        return given().header("Authorization", bearer("finance")).post("/runs?wait=true")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The discrepancies of one order ({@code status}: open, resolved, all). */
    static List<Map<String, Object>> discrepancies(String order, String status) {
        return given().header("Authorization", bearer("finance")).queryParam("order", order).queryParam("status", status)
                .queryParam("size", 100).get("/discrepancies").then().statusCode(200).extract().jsonPath().getList("items");
    }

    static Set<String> openRules(String order) {
        return new java.util.TreeSet<>(discrepancies(order, "open").stream().map(d -> (String) d.get("rule")).toList());
    }

    static Map<String, Object> open(String order, String rule) {
        return discrepancies(order, "open").stream().filter(d -> rule.equals(d.get("rule"))).findFirst()
                .orElseThrow(() -> new AssertionError("no open " + rule + " for " + order + ": " + discrepancies(order, "all")));
    }

    static io.restassured.response.Response resolve(Object id, String note) {
        return given().header("Authorization", bearer("finance")).contentType(ContentType.JSON)
                .body(note == null ? "{}" : "{\"note\": \"" + note + "\"}").post("/discrepancies/{id}/resolve", id);
    }

    static String json(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
