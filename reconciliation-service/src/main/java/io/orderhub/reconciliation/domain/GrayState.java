package io.orderhub.reconciliation.domain;

/** Why an order is missing from a source (the "1,300 missing orders" report). */
public enum GrayState {
    /** The platform says paid, the hub never registered the payment (its callback or webhook did not arrive). */
    PAYMENT_CALLBACK_FAILED,
    /** The hub holds the order for risk review (or the platform's risk control locked it): it was never released. */
    RISK_INTERCEPTED,
    /** The hub holds the order because its price check failed (health score red on price). */
    PRICE_ANOMALY_HOLD,
    /** Paid only recently: the source has not caught up yet. */
    SYNC_LAG,
    /** None of the above explains it. */
    UNKNOWN
}
