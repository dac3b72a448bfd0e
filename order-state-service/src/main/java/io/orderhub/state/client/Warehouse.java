package io.orderhub.state.client;

import io.smallrye.mutiny.Uni;

/**
 * The warehouse (WMS), as far as order-state needs it: stop a parcel whose label was printed when its order is
 * closed. {@link WmsWarehouse} speaks the devstack WMS simulator's JSON API ({@code POST /shipments/{id}/intercept});
 * another WMS plugs in as another implementation. Called by the outbound worker after the order's transaction.
 */
public interface Warehouse {
    Uni<ShipmentOutcome> intercept(String globalOrderId, String carrier, String trackingNumber, String reason);
}
