package io.orderhub.returns.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a routed return is approved, rejected or goes to a person: return window, opened goods,
 * blacklist (each with a configurable action), the order's state, and whether the request is clear enough to
 * act on. It may also correct the intent the way DESIGN.md asks: a refund-only request on a shipped order becomes
 * a return, a return on an order that has not left the warehouse becomes a refund only (intercept).
 */
public final class RiskCheck {
    public enum Action { REJECT, MANUAL_REVIEW, ALLOW }

    public enum Decision { APPROVE, REJECT, MANUAL_REVIEW }

    public record Policy(Duration window, Action windowExpired, Action opened, Action blacklisted) {
    }

    /**
     * @param orderState  the order's lifecycle state, or null if returns has not seen the order
     * @param lineCount   how many SKUs the order has
     * @param originalSku the SKU being returned (null when it cannot be told)
     * @param newSku      for an exchange, the SKU the customer gets (null when it cannot be told)
     */
    public record Request(Intent intent, boolean unclear, Set<ReturnFlag> flags, String orderState, boolean shipped,
            Instant shippedAt, Instant deliveredAt, boolean blacklisted, int lineCount, String originalSku, String newSku) {
    }

    public record Outcome(Decision decision, Intent intent, List<String> reasons) {
    }

    private final Policy policy;

    public RiskCheck(Policy policy) {
        this.policy = policy;
    }

    public Outcome check(Request r, Instant now) {
        List<String> rejections = new ArrayList<>();
        List<String> reviews = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Intent intent = r.intent();
        if (r.blacklisted()) {
            apply(policy.blacklisted(), "the customer is on the returns blacklist", rejections, reviews);
        }
        if (r.orderState() == null) {
            reviews.add("the order has not been seen on the lifecycle topic yet: check the order id");
        } else if ("PENDING_PAYMENT".equals(r.orderState())) {
            rejections.add("the order is not paid: there is nothing to refund or return");
        } else if ("CLOSED".equals(r.orderState()) && !r.shipped()) {
            rejections.add("the order is already closed (cancelled or refunded) and never shipped");
        }
        if (r.shipped()) {
            Instant from = r.deliveredAt() != null ? r.deliveredAt() : r.shippedAt();
            if (from != null && now.isAfter(from.plus(policy.window()))) {
                apply(policy.windowExpired(), "the return window of " + policy.window().toDays() + " days ended at "
                        + from.plus(policy.window()), rejections, reviews);
            }
        }
        if (intent == null || r.unclear()) {
            reviews.add("the customer's words do not say clearly whether they want an exchange, a refund only or a return"
                    + " and refund: read the message and decide");
        }
        if (intent == Intent.REFUND_ONLY && r.shipped()) {
            if (r.flags().contains(ReturnFlag.NOT_RECEIVED)) {
                reviews.add("the order shipped but the customer says it never arrived: check the carrier's tracking");
            } else if (r.flags().contains(ReturnFlag.PARTIAL_REFUND)) {
                reviews.add("a partial refund on a shipped order: decide the amount");
            } else {
                intent = Intent.RETURN_AND_REFUND;
                notes.add("the order has shipped: a refund needs the goods back, so it is a return and refund");
            }
        } else if (intent == Intent.RETURN_AND_REFUND && !r.shipped() && r.orderState() != null) {
            intent = Intent.REFUND_ONLY;
            notes.add("the order has not left the warehouse: nothing to send back, it is intercepted and refunded");
        } else if (intent == Intent.EXCHANGE && !r.shipped() && r.orderState() != null) {
            reviews.add("the order has not shipped yet: change the order line instead of an exchange");
        }
        boolean goodsComeBack = intent == Intent.EXCHANGE || intent == Intent.RETURN_AND_REFUND;
        if (goodsComeBack && r.flags().contains(ReturnFlag.OPENED) && !r.flags().contains(ReturnFlag.DEFECTIVE)) {
            apply(policy.opened(), "the goods were opened or used", rejections, reviews);
        }
        if (goodsComeBack && r.originalSku() == null) {
            reviews.add(r.lineCount() > 1 ? "the order has " + r.lineCount() + " SKUs: say which one comes back"
                    : "the order's lines are not known: say which SKU comes back");
        }
        if (intent == Intent.EXCHANGE && r.originalSku() != null && r.newSku() == null) {
            reviews.add("the new SKU cannot be told from the customer's words and " + r.originalSku()
                    + ": give the SKU the customer gets");
        }
        List<String> reasons = new ArrayList<>(rejections);
        reasons.addAll(reviews);
        reasons.addAll(notes);
        Decision d = !rejections.isEmpty() ? Decision.REJECT : !reviews.isEmpty() ? Decision.MANUAL_REVIEW : Decision.APPROVE;
        return new Outcome(d, intent, reasons);
    }

    private static void apply(Action action, String reason, List<String> rejections, List<String> reviews) {
        switch (action) {
            case REJECT -> rejections.add(reason);
            case MANUAL_REVIEW -> reviews.add(reason);
            case ALLOW -> {
            }
        }
    }
}
