package io.orderhub.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Builders named after what they make. */
final class InventoryTestSupport {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static OrderLine line(String lineId, String sku, int quantity) {
        return new OrderLine(lineId, sku, sku, quantity, Money.of("10.00", "CNY"));
    }

    static OrderLifecycleChanged paidOrder(String globalOrderId, FundingStatus funding, OrderLine... lines) {
        return new OrderLifecycleChanged(globalOrderId, "shopify", null, OrderState.PAID, false, null,
                "channel:shopify", "orderhub.order.ingested.v1", Set.of(), funding, Arrays.asList(lines), null, null,
                Instant.now(), Instant.now());
    }

    static OrderLifecycleChanged transition(String globalOrderId, OrderState from, OrderState to) {
        return new OrderLifecycleChanged(globalOrderId, "shopify", from, to, false, null, "user:test", "test",
                Set.of(), FundingStatus.FULLY_PAID, List.of(), null, null, Instant.now(), Instant.now());
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private InventoryTestSupport() {
    }
}
