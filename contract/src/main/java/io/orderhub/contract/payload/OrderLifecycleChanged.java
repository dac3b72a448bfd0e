package io.orderhub.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Every event on {@code orderhub.orders.lifecycle.v1}: transitions ({@code orderhub.order.<state>.v1}),
 * refusals, holds. Key and subject: the global order id.
 *
 * @param from      the state before (null for a new order)
 * @param to        the state after, or the refused target for a refusal
 * @param actor     who caused it: {@code channel:shopify}, {@code service:inventory-service}, {@code user:alice}
 * @param trigger   what caused it: an event type, a REST action, a channel status
 * @param holds     the holds standing after this event
 * @param lines     the order's lines (so inventory can reserve, release or consume without asking)
 * @param warehouse the warehouse the order names, if any (inventory reserves there first)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderLifecycleChanged(
        String globalOrderId,
        String channel,
        OrderState from,
        OrderState to,
        boolean refused,
        String reason,
        String actor,
        String trigger,
        Set<String> holds,
        FundingStatus funding,
        List<OrderLine> lines,
        String carrier,
        String trackingNumber,
        Instant paidAt,
        Instant occurredAt,
        String warehouse) {

    /** Without a named warehouse (the shape before {@code warehouse} was added). */
    public OrderLifecycleChanged(String globalOrderId, String channel, OrderState from, OrderState to, boolean refused,
            String reason, String actor, String trigger, Set<String> holds, FundingStatus funding, List<OrderLine> lines,
            String carrier, String trackingNumber, Instant paidAt, Instant occurredAt) {
        this(globalOrderId, channel, from, to, refused, reason, actor, trigger, holds, funding, lines, carrier,
                trackingNumber, paidAt, occurredAt, null);
    }
}
