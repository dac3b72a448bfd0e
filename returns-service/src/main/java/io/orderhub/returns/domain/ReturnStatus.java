package io.orderhub.returns.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a return stands. request → risk check → approved / rejected / manual review → awaiting goods → received →
 * quality check → passed → refunded or exchange shipped; failed → sent back. A refund-only request on an order not yet
 * shipped waits for the interception instead of the goods.
 */
public enum ReturnStatus {
    ROUTED, MANUAL_REVIEW, REJECTED, APPROVED, INTERCEPT_REQUESTED, AWAITING_GOODS, RECEIVED, QC_PASSED, QC_FAILED,
    REFUNDED, EXCHANGE_SHIPPED, SENT_BACK;

    private static final Map<ReturnStatus, Set<ReturnStatus>> NEXT = Map.ofEntries(
            Map.entry(ROUTED, EnumSet.of(MANUAL_REVIEW, REJECTED, APPROVED)),
            Map.entry(MANUAL_REVIEW, EnumSet.of(APPROVED, REJECTED, REFUNDED, EXCHANGE_SHIPPED)),
            Map.entry(APPROVED, EnumSet.of(INTERCEPT_REQUESTED, AWAITING_GOODS, REFUNDED)),
            Map.entry(INTERCEPT_REQUESTED, EnumSet.of(REFUNDED, AWAITING_GOODS)),
            Map.entry(AWAITING_GOODS, EnumSet.of(RECEIVED, MANUAL_REVIEW)),
            Map.entry(RECEIVED, EnumSet.of(QC_PASSED, QC_FAILED)),
            Map.entry(QC_PASSED, EnumSet.of(REFUNDED, EXCHANGE_SHIPPED, MANUAL_REVIEW)),
            Map.entry(QC_FAILED, EnumSet.of(SENT_BACK)),
            Map.entry(REJECTED, EnumSet.noneOf(ReturnStatus.class)),
            Map.entry(REFUNDED, EnumSet.noneOf(ReturnStatus.class)),
            Map.entry(EXCHANGE_SHIPPED, EnumSet.noneOf(ReturnStatus.class)),
            Map.entry(SENT_BACK, EnumSet.noneOf(ReturnStatus.class)));

    public boolean canMoveTo(ReturnStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }
}
