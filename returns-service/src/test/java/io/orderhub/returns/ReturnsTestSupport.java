package io.orderhub.returns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.devstack.test.OrderHubTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builders named after what they make. */
final class ReturnsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static String orderId() {
        return "OH2026" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    static OrderLine line(String sku, int quantity, String unitPrice) {
        return new OrderLine("L-" + sku, sku, "item " + sku, quantity, Money.of(unitPrice, "CNY"));
    }

    static OrderLifecycleChanged paidOrder(String globalOrderId, OrderLine... lines) {
        return new OrderLifecycleChanged(globalOrderId, "douyin", null, OrderState.PAID, false, null, "channel:douyin",
                "orderhub.order.ingested.v1", Set.of(), FundingStatus.FULLY_PAID, Arrays.asList(lines), null, null,
                Instant.now(), Instant.now());
    }

    static OrderLifecycleChanged transition(String globalOrderId, OrderState from, OrderState to, Instant at) {
        return new OrderLifecycleChanged(globalOrderId, "douyin", from, to, false, null, "user:test", "test",
                Set.of(), FundingStatus.FULLY_PAID, List.of(), null, null, null, at);
    }

    /** A channel snapshot flagged after-sale (e.g. Douyin after_sale_info on a paid, unshipped order). */
    static OrderIngested afterSaleSnapshot(String globalOrderId, OrderState status, OrderLine... lines) {
        return new OrderIngested(globalOrderId, "douyin", "demo", "6932481057722618741", "2", status,
                Set.of("AFTER_SALE"), FundingStatus.FULLY_PAID, Money.of("129.00", "CNY"), Map.of(), null,
                Arrays.asList(lines), Instant.now(), Instant.now(), Instant.now(), UUID.randomUUID().toString());
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int count(String sql, Object param) throws Exception {
        var pg = OrderHubTestResource.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private ReturnsTestSupport() {
    }
}
