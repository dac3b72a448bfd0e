package io.orderhub.state.domain;

/** Conditions beside the state (never instead of it). */
public enum Condition {
    /** Some lines have shipped, others not (channel reported). */
    PARTIALLY_SHIPPED,
    /** A shipment stopped on its way (label voided at the warehouse, or the carrier's intercept). */
    INTERCEPTED,
    /** A refund, return or exchange is in progress. */
    AFTER_SALE
}
