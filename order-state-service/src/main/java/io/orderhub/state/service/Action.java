package io.orderhub.state.service;

import io.orderhub.contract.OrderState;
import io.orderhub.kit.security.Roles;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The actions of {@code POST /orders/{id}/actions/{action}}, the state each one asks for, and who may take it. */
public enum Action {
    PRINT_LABEL("print-label", OrderState.LABEL_PRINTED, Set.of(Roles.WAREHOUSE, Roles.OPS, Roles.ADMIN)),
    SHIP("ship", OrderState.SHIPPED, Set.of(Roles.WAREHOUSE, Roles.CS, Roles.OPS, Roles.ADMIN)),
    DELIVER("deliver", OrderState.DELIVERED, Set.of(Roles.WAREHOUSE, Roles.CS, Roles.OPS, Roles.ADMIN)),
    INTERCEPT("intercept", null, Set.of(Roles.CS, Roles.OPS, Roles.ADMIN)),
    CANCEL("cancel", OrderState.CLOSED, Set.of(Roles.CS, Roles.OPS, Roles.ADMIN));

    public final String wire;
    /** The state the action asks for; null for intercept (a condition, not a state). */
    public final OrderState target;
    public final Set<String> roles;

    Action(String wire, OrderState target, Set<String> roles) {
        this.wire = wire;
        this.target = target;
        this.roles = roles;
    }

    public static Optional<Action> parse(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire.equalsIgnoreCase(wire)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(a -> a.wire).collect(Collectors.joining(", "));
    }
}
