package io.orderhub.state.rest;

import io.orderhub.contract.Hold;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /orders/{id}/holds}. */
public record HoldRequest(
        @NotNull(message = "is required: one of RISK_REVIEW, CHANNEL_RISK, HEALTH_RED, STOCK_SHORTFALL, CIRCUIT_OPEN, ADDRESS_INVALID") Hold hold,
        String reason) {
}
