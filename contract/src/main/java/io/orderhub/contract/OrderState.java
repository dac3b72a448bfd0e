package io.orderhub.contract;

/** The seven atomic lifecycle states of DESIGN.md, in their forward order (CLOSED is terminal). */
public enum OrderState {
    PENDING_PAYMENT,
    PAID,
    STOCK_LOCKED,
    LABEL_PRINTED,
    SHIPPED,
    DELIVERED,
    CLOSED
}
