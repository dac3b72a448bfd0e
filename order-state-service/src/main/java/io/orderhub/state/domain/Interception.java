package io.orderhub.state.domain;

import io.orderhub.contract.OrderState;

import java.util.Optional;

/** Whether a shipment can be intercepted (set {@link Condition#INTERCEPTED}). */
public final class Interception {
    private Interception() {
    }

    /** Empty when allowed; otherwise why not, and what to do instead. */
    public static Optional<String> refusal(OrderFacts facts, boolean carrierAllowsIntercept) {
        String order = "order " + facts.globalOrderId() + " is " + facts.state();
        if (facts.conditions().contains(Condition.INTERCEPTED)) {
            return Optional.of(order + " and already INTERCEPTED");
        }
        return switch (facts.state()) {
            case PENDING_PAYMENT, PAID, STOCK_LOCKED ->
                    Optional.of(order + "; no label is printed, so there is nothing to intercept: cancel it instead");
            case LABEL_PRINTED -> Optional.empty();
            case SHIPPED -> carrierAllowsIntercept ? Optional.empty()
                    : Optional.of(order + " with carrier " + facts.carrier()
                            + ", which does not support intercepts: contact the buyer or open a return");
            case DELIVERED -> Optional.of(order + "; the parcel has arrived: open a return instead");
            case CLOSED -> Optional.of(order + "; nothing to intercept");
        };
    }
}
