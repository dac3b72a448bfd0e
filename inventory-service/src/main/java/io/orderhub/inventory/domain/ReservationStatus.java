package io.orderhub.inventory.domain;

public enum ReservationStatus {
    /** Units held for the line. */
    RESERVED,
    /** Given back: the order was closed or cancelled before shipping. */
    RELEASED,
    /** Shipped: on-hand went down with it. */
    CONSUMED,
    /** The original line of an exchange: it must neither ship nor be refunded while the exchange runs. */
    FROZEN
}
