package io.orderhub.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code orderhub.order.ingested.v1} on {@code orderhub.orders.ingested.v1}: a normalized snapshot
 * of a channel order, new or changed. Key and subject: the global order id.
 *
 * @param conditions  channel conditions beside the state, e.g. {@code PARTIALLY_SHIPPED}, {@code RISK_HOLD}, {@code AFTER_SALE}
 * @param fees        standard fee type (e.g. {@code CHANNEL_FEE}, {@code SHIPPING}) → amount
 * @param channelUpdatedAt the channel's own modification time, used to never let an older update win
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderIngested(
        String globalOrderId,
        String channel,
        String shop,
        String channelOrderId,
        String channelStatus,
        OrderState status,
        Set<String> conditions,
        FundingStatus funding,
        Money total,
        Map<String, Money> fees,
        Address shippingAddress,
        List<OrderLine> lines,
        Instant createdAt,
        Instant paidAt,
        Instant channelUpdatedAt,
        String rawPayloadId) {
}
