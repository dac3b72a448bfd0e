package io.orderhub.contract;

/**
 * Stable {@code ce_type} values: a name and a version, never a Java class name.
 * A breaking change is a new type with a new version suffix.
 */
public final class EventTypes {
    // orderhub.orders.ingested.v1
    public static final String ORDER_INGESTED = "orderhub.order.ingested.v1";

    // orderhub.orders.lifecycle.v1: one type per target state, plus refusals and holds
    public static final String ORDER_PENDING_PAYMENT = "orderhub.order.pending-payment.v1";
    public static final String ORDER_PAID = "orderhub.order.paid.v1";
    public static final String ORDER_STOCK_LOCKED = "orderhub.order.stock-locked.v1";
    public static final String ORDER_LABEL_PRINTED = "orderhub.order.label-printed.v1";
    public static final String ORDER_SHIPPED = "orderhub.order.shipped.v1";
    public static final String ORDER_DELIVERED = "orderhub.order.delivered.v1";
    public static final String ORDER_CLOSED = "orderhub.order.closed.v1";
    public static final String ORDER_TRANSITION_REFUSED = "orderhub.order.transition-refused.v1";
    public static final String ORDER_HELD = "orderhub.order.held.v1";
    public static final String ORDER_HOLD_RELEASED = "orderhub.order.hold-released.v1";
    /** A presale order's balance was paid: its deposit reservation must become a fully paid one. */
    public static final String ORDER_BALANCE_PAID = "orderhub.order.balance-paid.v1";

    // orderhub.inventory.v1
    public static final String STOCK_RESERVED = "orderhub.inventory.reserved.v1";
    public static final String STOCK_REJECTED = "orderhub.inventory.rejected.v1";
    public static final String STOCK_RELEASED = "orderhub.inventory.released.v1";
    public static final String STOCK_CONSUMED = "orderhub.inventory.consumed.v1";
    public static final String STOCK_LOW = "orderhub.inventory.low-stock.v1";

    // orderhub.reconciliation.v1
    public static final String DISCREPANCY_FOUND = "orderhub.reconciliation.discrepancy-found.v1";
    public static final String CREDIBILITY_MEASURED = "orderhub.reconciliation.credibility-measured.v1";

    // orderhub.returns.v1
    public static final String RETURN_ROUTED = "orderhub.return.routed.v1";
    public static final String RETURN_APPROVED = "orderhub.return.approved.v1";
    public static final String RETURN_REJECTED = "orderhub.return.rejected.v1";
    public static final String RETURN_MANUAL_REVIEW = "orderhub.return.manual-review.v1";
    /** A refund-only request on an order not yet shipped: order-state intercepts/closes it, inventory releases. */
    public static final String RETURN_INTERCEPT_REQUESTED = "orderhub.return.intercept-requested.v1";
    public static final String RETURN_QC_OVERDUE = "orderhub.return.qc-overdue.v1";
    public static final String RETURN_REJECTED_BACK_TO_CUSTOMER = "orderhub.return.sent-back.v1";
    public static final String RETURN_RECEIVED = "orderhub.return.received.v1";
    public static final String RETURN_QC_RESULT = "orderhub.return.qc-result.v1";
    public static final String RETURN_REFUNDED = "orderhub.return.refunded.v1";
    public static final String RETURN_EXCHANGE_SHIPPED = "orderhub.return.exchange-shipped.v1";

    // orderhub.alerts.v1
    public static final String ALERT_RAISED = "orderhub.alert.raised.v1";
    public static final String ALERT_ESCALATED = "orderhub.alert.escalated.v1";
    public static final String ALERT_ACKNOWLEDGED = "orderhub.alert.acknowledged.v1";
    public static final String ALERT_RESOLVED = "orderhub.alert.resolved.v1";

    /** The lifecycle event type announcing that an order entered {@code state}. */
    public static String lifecycleTypeFor(OrderState state) {
        return switch (state) {
            case PENDING_PAYMENT -> ORDER_PENDING_PAYMENT;
            case PAID -> ORDER_PAID;
            case STOCK_LOCKED -> ORDER_STOCK_LOCKED;
            case LABEL_PRINTED -> ORDER_LABEL_PRINTED;
            case SHIPPED -> ORDER_SHIPPED;
            case DELIVERED -> ORDER_DELIVERED;
            case CLOSED -> ORDER_CLOSED;
        };
    }

    private EventTypes() {
    }
}
