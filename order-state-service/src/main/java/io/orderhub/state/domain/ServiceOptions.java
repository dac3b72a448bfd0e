package io.orderhub.state.domain;

import io.orderhub.contract.OrderState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The customer-service decision tree: for an order and an intent, which actions are allowed now and why
 * (not printed → edit and sync; printed → carrier change; shipped → intercept if the carrier allows).
 */
public final class ServiceOptions {
    private ServiceOptions() {
    }

    public enum Intent {
        CHANGE_ADDRESS("change-address"), CANCEL("cancel"), INTERCEPT("intercept");

        public final String wire;

        Intent(String wire) {
            this.wire = wire;
        }

        public static Optional<Intent> parse(String s) {
            return Arrays.stream(values()).filter(i -> i.wire.equalsIgnoreCase(s) || i.name().equalsIgnoreCase(s)).findFirst();
        }
    }

    /** One action: its name (a REST action where there is one), whether it is allowed now, and why. */
    public record Option(String action, boolean allowed, String why) {
    }

    public static List<Option> answer(OrderFacts facts, Intent intent, boolean carrierAllowsIntercept) {
        OrderState s = facts.state();
        boolean printed = s == OrderState.LABEL_PRINTED;
        boolean shipped = s == OrderState.SHIPPED;
        Optional<String> interceptRefusal = Interception.refusal(facts, carrierAllowsIntercept);
        List<Option> options = new ArrayList<>();
        switch (intent) {
            case CHANGE_ADDRESS -> {
                boolean editable = s == OrderState.PENDING_PAYMENT || s == OrderState.PAID || s == OrderState.STOCK_LOCKED;
                options.add(new Option("edit-and-sync", editable, editable
                        ? "no label is printed yet: edit the address here and sync it to the channel and the warehouse"
                        : "the order is " + s + ": the address can no longer simply be edited"));
                options.add(new Option("change-carrier", printed, printed
                        ? "the label is printed with the old address: void it and print a new one for the new address "
                                + "(POST /orders/{id}/actions/print-label with the new carrier and tracking number)"
                        : "only for a printed, not yet shipped label (order is " + s + ")"));
                options.add(new Option("intercept", shipped && interceptRefusal.isEmpty(), shipped
                        ? interceptRefusal.map(r -> "not possible: " + r).orElse(
                                "the parcel is on its way: intercept it (POST /orders/{id}/actions/intercept) and ask "
                                        + facts.carrier() + " to redirect it")
                        : "only once shipped (order is " + s + ")"));
            }
            case CANCEL -> {
                boolean closable = Lifecycle.canClose(s);
                options.add(new Option("cancel", closable, closable
                        ? "not shipped yet: cancelling closes the order and releases its reserved stock"
                                + (printed ? "; void the printed label " + facts.trackingNumber() + " too" : "")
                        : s == OrderState.CLOSED ? "the order is already closed"
                        : "the order is " + s + ": it can no longer be cancelled"));
                options.add(new Option("intercept", shipped && interceptRefusal.isEmpty(), shipped
                        ? interceptRefusal.map(r -> "not possible: " + r).orElse(
                                "the parcel is on its way: intercept it, then refund once it is back")
                        : "only for a shipped order (order is " + s + ")"));
                options.add(new Option("return", s == OrderState.DELIVERED, s == OrderState.DELIVERED
                        ? "delivered: open a return (returns-service, POST /returns)"
                        : "only once delivered (order is " + s + ")"));
            }
            case INTERCEPT -> options.add(new Option("intercept", interceptRefusal.isEmpty(),
                    interceptRefusal.orElse(printed
                            ? "the label is printed but the parcel has not left: stop it at the warehouse"
                            : "the parcel is on its way and " + facts.carrier() + " supports intercepts")));
        }
        return List.copyOf(options);
    }
}
