package io.orderhub.reconciliation.domain;

import io.orderhub.contract.OrderState;

/**
 * The ERP's {@code trade_status} codes in the hub's vocabulary: 5 cancelled → CLOSED, 10 waiting for payment →
 * PENDING_PAYMENT, 30 waiting for audit and 55 audited → PAID, 95 consigned → SHIPPED, 110 finished → DELIVERED.
 * Any other code maps to nothing (the status rule then ignores the ERP's status, and says so in the evidence).
 */
public final class ErpStatus {
    public static final int CANCELLED = 5;
    public static final int WAIT_PAY = 10;
    public static final int WAIT_CHECK = 30;
    public static final int CHECKED = 55;
    public static final int SENT = 95;
    public static final int FINISHED = 110;

    public static OrderState toState(Integer code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case CANCELLED -> OrderState.CLOSED;
            case WAIT_PAY -> OrderState.PENDING_PAYMENT;
            case WAIT_CHECK, CHECKED -> OrderState.PAID;
            case SENT -> OrderState.SHIPPED;
            case FINISHED -> OrderState.DELIVERED;
            default -> null;
        };
    }

    public static String describe(Integer code) {
        if (code == null) {
            return "unknown";
        }
        return switch (code) {
            case CANCELLED -> "cancelled";
            case WAIT_PAY -> "waiting for payment";
            case WAIT_CHECK -> "waiting for audit";
            case CHECKED -> "audited";
            case SENT -> "consigned";
            case FINISHED -> "finished";
            default -> "code " + code;
        };
    }

    private ErpStatus() {
    }
}
