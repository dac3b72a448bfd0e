package io.orderhub.reconciliation.domain;

import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Everything the sources say about one order, already mapped to the standard vocabulary (OrderState names, standard
 * fee types, UTC instants, exact money). A source that does not know the order is {@code null}.
 *
 * @param orderKey the global order id, or {@code channel:shop:channelOrderId} for an order the hub has never seen
 */
public record OrderFacts(String orderKey, String globalOrderId, String channel, String shop, String channelOrderId,
        Instant firstSeenAt, Platform platform, Erp erp, Carrier carrier, Hub hub) {

    /** The channel's order API. */
    public record Platform(OrderState state, String status, Set<String> conditions, Instant paidAt, Money total,
            Map<String, Money> fees, String carrier, String trackingNumber, Instant updatedAt) {
    }

    /** The ERP's sales order. */
    public record Erp(String tradeNo, Integer statusCode, OrderState state, Instant payAt, Instant auditAt, Instant consignAt,
            Money total, Map<String, Money> fees, Money cost, String warehouse, String carrier, String trackingNumber,
            Instant updatedAt) {
    }

    /**
     * The carrier's tracking of {@code trackingNumber}: {@code firstPickupAt} null when it has no scan of the parcel
     * (or no such waybill, {@code known} false).
     */
    public record Carrier(String trackingNumber, boolean known, Instant firstPickupAt, Instant signedAt, String signedBy,
            String lastEvent, Instant lastEventAt, Instant queriedAt) {
    }

    /**
     * The hub: the lifecycle projection ({@code state} null if the order was ingested but has no lifecycle yet);
     * {@code knownAt} when the hub first heard of it.
     */
    public record Hub(OrderState state, Set<String> holds, String holdReason, Instant paidAt, String carrier,
            String trackingNumber, Instant shippedAt, Money total, Map<String, Money> fees, Instant updatedAt, Instant knownAt) {

        public Hub(OrderState state, Set<String> holds, String holdReason, Instant paidAt, String carrier, String trackingNumber,
                Instant shippedAt, Money total, Map<String, Money> fees, Instant updatedAt) {
            this(state, holds, holdReason, paidAt, carrier, trackingNumber, shippedAt, total, fees, updatedAt, null);
        }
    }

    /** When the order belongs to, for hourly figures: paid time (hub, then platform, then ERP), else first seen. */
    public Instant referenceTime() {
        if (hub != null && hub.paidAt() != null) {
            return hub.paidAt();
        }
        if (platform != null && platform.paidAt() != null) {
            return platform.paidAt();
        }
        if (erp != null && erp.payAt() != null) {
            return erp.payAt();
        }
        return firstSeenAt;
    }
}
