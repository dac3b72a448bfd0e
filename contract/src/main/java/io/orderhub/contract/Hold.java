package io.orderhub.contract;

/** Conditions that stop an order from moving on until they are released. */
public enum Hold {
    RISK_REVIEW,
    HEALTH_RED,
    STOCK_SHORTFALL,
    CIRCUIT_OPEN,
    ADDRESS_INVALID
}
