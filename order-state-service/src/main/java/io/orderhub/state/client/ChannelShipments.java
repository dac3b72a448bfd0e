package io.orderhub.state.client;

import io.smallrye.mutiny.Uni;

/**
 * Writes a shipment (tracking number and shipped status) back to the order's channel. The marketplaces' and the
 * generic app channel's implementation is {@link MarketplaceShipments}; the outbound worker calls it after the
 * order's transaction committed, never inside it.
 */
public interface ChannelShipments {
    Uni<ShipmentOutcome> writeBack(ChannelCredential shop, Shipment shipment);
}
