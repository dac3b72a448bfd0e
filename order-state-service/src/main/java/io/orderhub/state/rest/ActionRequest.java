package io.orderhub.state.rest;

/**
 * Optional body of {@code POST /orders/{id}/actions/{action}}: {@code print-label} needs carrier and
 * trackingNumber; {@code ship} may carry the trackingNumber; {@code reason} is kept in the audit trail.
 */
public record ActionRequest(String carrier, String trackingNumber, String reason) {
}
