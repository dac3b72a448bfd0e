package io.orderhub.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builders named after what they make, and the REST/JDBC helpers the alerting tests share. */
final class AlertingTestSupport {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AlertingTestSupport() {
    }

    static String orderId() {
        return "OH2026" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    static String bearer(String role) {
        return "Bearer " + OrderHubTestResource.token(role);
    }

    static OrderLine line(String sku) {
        return new OrderLine("L-" + sku, sku, sku, 1, Money.of("10.00", "CNY"));
    }

    /** A new order, paid at {@code paidAt}, with one line per SKU. */
    static OrderLifecycleChanged paidOrder(String id, String channel, Instant paidAt, String warehouse, String... skus) {
        return new OrderLifecycleChanged(id, channel, null, OrderState.PAID, false, null, "channel:" + channel,
                "orderhub.order.ingested.v1", Set.of(), FundingStatus.FULLY_PAID,
                Arrays.stream(skus).map(AlertingTestSupport::line).toList(), null, null, paidAt, Instant.now(), warehouse);
    }

    /** A presale order whose deposit is paid (pending its balance). */
    static OrderLifecycleChanged presaleDepositPaid(String id, String channel, String... skus) {
        return new OrderLifecycleChanged(id, channel, null, OrderState.PENDING_PAYMENT, false, null, "channel:" + channel,
                "orderhub.order.ingested.v1", Set.of(), FundingStatus.DEPOSIT_FROZEN,
                Arrays.stream(skus).map(AlertingTestSupport::line).toList(), null, null, null, Instant.now());
    }

    /** A new order nobody paid yet (what promo mode counts). */
    static OrderLifecycleChanged newUnpaidOrder(String id) {
        return new OrderLifecycleChanged(id, "taobao", null, OrderState.PENDING_PAYMENT, false, null, "channel:taobao",
                "orderhub.order.ingested.v1", Set.of(), FundingStatus.NONE, List.of(line("PROMO-1")), null, null, null,
                Instant.now());
    }

    static OrderLifecycleChanged transition(String id, OrderState from, OrderState to, Set<String> holds) {
        return new OrderLifecycleChanged(id, "shopify", from, to, false, null, "user:test", "test", holds,
                FundingStatus.FULLY_PAID, List.of(), null, null, null, Instant.now());
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }

    /** The alerts of one order (all states). */
    static ValidatableResponse alertsOf(String order) {
        return given().header("Authorization", bearer("ops")).queryParam("globalOrderId", order).get("/alerts").then().statusCode(200);
    }

    static List<Map<String, Object>> alertList(String query, String value) {
        return given().header("Authorization", bearer("ops")).queryParam(query, value).get("/alerts").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    static Map<String, Object> alertByKey(String dedupeKey) {
        List<Map<String, Object>> all = given().header("Authorization", bearer("ops")).get("/alerts").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(a -> dedupeKey.equals(a.get("dedupeKey"))).findFirst().orElse(null);
    }

    static String tierOf(String order) {
        List<Map<String, Object>> list = alertList("globalOrderId", order).stream()
                .filter(a -> "SLA_SHIP_BY".equals(a.get("kind"))).toList();
        return list.isEmpty() ? null : (String) list.get(0).get("tier");
    }

    static ValidatableResponse clock(String order) {
        return given().header("Authorization", bearer("ops")).get("/sla-clocks/{id}", order).then();
    }

    static ValidatableResponse put(String role, String path, Object body, Object... params) {
        return given().header("Authorization", bearer(role)).contentType(ContentType.JSON).body(json(body))
                .put(path, params).then();
    }

    static int sql(String statement, Object... params) throws Exception {
        var pg = OrderHubTestResource.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        }
    }

    static long count(String query, Object... params) throws Exception {
        var pg = OrderHubTestResource.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             PreparedStatement st = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
