package io.orderhub.devstack.sim.marketplace;

import java.time.Instant;
import java.util.Map;

/**
 * A write-back call the simulated platform received (e.g. Shopify fulfillment, Taobao
 * {@code taobao.logistics.offline.send}): the platform API, the order, the tracking number and carrier code as
 * sent, and how the simulator answered: {@code ACCEPTED}, {@code FAILED} (a transient error on request) or
 * {@code CONFLICT} (refused: the platform's state disagrees, or on request).
 */
public record WriteBack(String channel, String shop, String api, String orderId, String trackingNumber, String carrierCode,
        Map<String, String> params, Instant receivedAt, int httpStatus, String outcome, String answer) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String FAILED = "FAILED";
    public static final String CONFLICT = "CONFLICT";
}
