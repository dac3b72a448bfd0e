package io.orderhub.state.rest;

import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Hold;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.Address;
import io.orderhub.state.domain.Condition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /orders/{globalOrderId}}. */
public record OrderView(
        String globalOrderId,
        String channel,
        String shop,
        String channelOrderId,
        String channelStatus,
        OrderState state,
        Set<Hold> holds,
        Set<Condition> conditions,
        FundingStatus funding,
        Amounts amounts,
        List<Line> lines,
        List<String> channelIds,
        String carrier,
        String trackingNumber,
        int healthScore,
        String healthBand,
        Address shippingAddress,
        Instant paidAt,
        Instant channelUpdatedAt,
        Instant createdAt,
        Instant updatedAt) {

    public record Amounts(BigDecimal total, String currency, Map<String, Money> fees) {
    }

    public record Line(String lineId, String sku, String title, int quantity, BigDecimal unitPrice, String currency) {
    }
}
