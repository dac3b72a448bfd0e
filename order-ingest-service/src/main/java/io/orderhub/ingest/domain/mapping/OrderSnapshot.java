package io.orderhub.ingest.domain.mapping;

import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.Address;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A channel order in the hub's vocabulary, before it has its global id. */
public record OrderSnapshot(
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
        Instant channelUpdatedAt) {

    public OrderIngested toEvent(String globalOrderId, String rawPayloadId) {
        return new OrderIngested(globalOrderId, channel, shop, channelOrderId, channelStatus, status, conditions, funding,
                total, fees, shippingAddress, lines, createdAt, paidAt, channelUpdatedAt, rawPayloadId);
    }
}
