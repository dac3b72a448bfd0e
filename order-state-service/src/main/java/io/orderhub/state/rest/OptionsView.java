package io.orderhub.state.rest;

import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;
import io.orderhub.state.domain.ServiceOptions;

import java.util.List;
import java.util.Set;

/** {@code GET /orders/{id}/options?intent=}: which actions are allowed now, and why. */
public record OptionsView(String globalOrderId, OrderState state, Set<Hold> holds, String intent,
        List<ServiceOptions.Option> options) {
}
