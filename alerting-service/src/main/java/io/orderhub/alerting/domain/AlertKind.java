package io.orderhub.alerting.domain;

/** Where an alert comes from, and the team it pages by default. */
public final class AlertKind {
    public static final String SLA_SHIP_BY = "SLA_SHIP_BY";
    public static final String BREAKER_OPEN = "BREAKER_OPEN";
    public static final String PROMO_MODE = "PROMO_MODE";
    public static final String RECONCILIATION_DEVIATION = "RECONCILIATION_DEVIATION";
    public static final String HEALTH_RED = "HEALTH_RED";
    public static final String LOW_STOCK = "LOW_STOCK";
    public static final String QC_OVERDUE = "QC_OVERDUE";
    public static final String DLQ_GROWTH = "DLQ_GROWTH";
    public static final String MANUAL = "MANUAL";

    // teams
    public static final String WAREHOUSE = "warehouse";
    public static final String ONCALL = "oncall";
    public static final String SUPERVISOR = "supervisor";
    public static final String OPS_DIRECTOR = "ops-director";
    public static final String OPS = "ops";
    public static final String FINANCE = "finance";
    public static final String CS = "cs";
    public static final String RETURNS = "returns";

    private AlertKind() {
    }
}
