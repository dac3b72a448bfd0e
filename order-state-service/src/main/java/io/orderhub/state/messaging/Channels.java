package io.orderhub.state.messaging;

/** Incoming channel names (their topics are set in application.properties: channel names differ from topic names). */
public final class Channels {
    public static final String ORDERS_INGESTED_IN = "orders-ingested-in";
    public static final String INVENTORY_IN = "inventory-in";
    public static final String RETURNS_IN = "returns-in";

    private Channels() {
    }
}
