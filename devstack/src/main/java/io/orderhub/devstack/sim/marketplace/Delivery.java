package io.orderhub.devstack.sim.marketplace;

import java.time.Instant;
import java.util.Map;

/**
 * One webhook the simulator sent: which snapshot, under which delivery id (a retry reuses it), and what the
 * receiver answered ({@code status} -1 when it could not be reached).
 */
public record Delivery(String channel, String shop, String orderId, int version, String deliveryId, String topic,
        boolean notification, Map<String, String> headers, String url, Instant sentAt, int status, String answer) {

    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
