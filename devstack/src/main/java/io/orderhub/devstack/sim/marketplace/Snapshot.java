package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One version of an order exactly as the platform serves it: {@code order} is the order object (as it appears
 * in list APIs), {@code document} the compact bytes of the detail document (as pushed and as the detail API answers).
 */
public record Snapshot(String channel, String shop, String orderId, int version, Instant updatedAt, SimOrder.Stage stage,
        ObjectNode order, byte[] document) {

    public String documentText() {
        return new String(document, StandardCharsets.UTF_8);
    }
}
