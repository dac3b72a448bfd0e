package io.orderhub.state.client;

import java.time.Instant;

/**
 * A shipment the hub tells the order's channel about: the channel's order id, the carrier on the label and its
 * tracking number, when the hub shipped it, and {@code deliveryId}, the same on every retry of this shipment (the
 * outbound call's id), so that a channel that keys on it (the generic {@code app} channel) applies it once.
 */
public record Shipment(String channelOrderId, String carrier, String trackingNumber, Instant shippedAt, String deliveryId) {
}
