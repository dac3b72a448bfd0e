package io.orderhub.state.domain;

import io.orderhub.contract.OrderState;

/**
 * A request to move an order to {@code target}.
 *
 * @param what    how messages name the request: the REST action ({@code ship}) or the target state
 * @param actor   who asks: {@code user:alice}, {@code channel:shopify}, {@code service:inventory-service}
 * @param trigger what caused it: an event type and channel status, a REST action
 */
public record TransitionRequest(OrderState target, Mode mode, Evidence evidence, String what, String actor,
        String trigger) {

    public TransitionRequest {
        evidence = evidence == null ? Evidence.NONE : evidence;
        what = what == null ? target.name() : what;
    }

    public static TransitionRequest command(String action, OrderState target, Evidence evidence, String actor) {
        return new TransitionRequest(target, Mode.COMMAND, evidence, action, actor, "POST /actions/" + action);
    }

    public static TransitionRequest report(OrderState target, Evidence evidence, String actor, String trigger) {
        return new TransitionRequest(target, Mode.REPORT, evidence, target.name(), actor, trigger);
    }
}
