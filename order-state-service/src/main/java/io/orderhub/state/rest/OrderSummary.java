package io.orderhub.state.rest;

import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;
import io.orderhub.state.domain.Condition;
import io.orderhub.state.domain.Order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** One row of {@code GET /orders}. */
public record OrderSummary(String globalOrderId, String channel, String shop, String channelOrderId, OrderState state,
        Set<Hold> holds, Set<Condition> conditions, BigDecimal total, String currency, int healthScore, Instant createdAt) {

    public static OrderSummary of(Order o) {
        return new OrderSummary(o.globalOrderId, o.channel, o.shop, o.channelOrderId, o.state, o.holdSet(), o.conditionSet(),
                o.total, o.currency, o.healthScore, o.createdAt);
    }
}
