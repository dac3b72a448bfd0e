package io.orderhub.reconciliation.domain;

import io.orderhub.contract.OrderState;

/**
 * What every source can say about an order, coarser than the hub's seven states: the platform, the ERP and the
 * hub agree when they are in the same phase. STOCK_LOCKED and LABEL_PRINTED are the hub's own steps of
 * {@link #AWAITING_SHIPMENT}; DELIVERED is reported late by platforms (after the buyer confirms) so it counts as
 * {@link #SHIPPED}.
 */
public enum Phase {
    UNPAID, AWAITING_SHIPMENT, SHIPPED, CLOSED;

    public static Phase of(OrderState state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case PENDING_PAYMENT -> UNPAID;
            case PAID, STOCK_LOCKED, LABEL_PRINTED -> AWAITING_SHIPMENT;
            case SHIPPED, DELIVERED -> SHIPPED;
            case CLOSED -> CLOSED;
        };
    }

    public boolean paid() {
        return this == AWAITING_SHIPMENT || this == SHIPPED;
    }
}
