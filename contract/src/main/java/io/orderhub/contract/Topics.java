package io.orderhub.contract;

import java.util.List;

/** Kafka topic names: the public contract of DESIGN.md "Events". */
public final class Topics {
    public static final String ORDERS_INGESTED = "orderhub.orders.ingested.v1";
    public static final String ORDERS_LIFECYCLE = "orderhub.orders.lifecycle.v1";
    public static final String INVENTORY = "orderhub.inventory.v1";
    public static final String RECONCILIATION = "orderhub.reconciliation.v1";
    public static final String RETURNS = "orderhub.returns.v1";
    public static final String ALERTS = "orderhub.alerts.v1";

    /** Suffix of the dead-letter topic that sits beside every topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final List<String> ALL = List.of(
            ORDERS_INGESTED, ORDERS_LIFECYCLE, INVENTORY, RECONCILIATION, RETURNS, ALERTS);

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
