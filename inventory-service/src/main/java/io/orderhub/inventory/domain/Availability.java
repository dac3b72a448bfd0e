package io.orderhub.inventory.domain;

import io.orderhub.contract.FundingStatus;

import java.math.BigDecimal;

/**
 * {@code available = on_hand − (fully_paid_reserved + deposit_frozen × deposit_factor)}: deposits count
 * only by the share of deposit holders who historically pay the balance.
 */
public final class Availability {
    public static final BigDecimal DEFAULT_DEPOSIT_FACTOR = new BigDecimal("0.3");

    private Availability() {
    }

    public static BigDecimal available(long onHand, long fullyPaidReserved, long depositFrozen, BigDecimal depositFactor) {
        return BigDecimal.valueOf(onHand)
                .subtract(BigDecimal.valueOf(fullyPaidReserved))
                .subtract(BigDecimal.valueOf(depositFrozen).multiply(depositFactor));
    }

    /** How much of {@code available} a reservation of {@code quantity} units with this funding takes. */
    public static BigDecimal weight(int quantity, FundingStatus funding, BigDecimal depositFactor) {
        return funding == FundingStatus.DEPOSIT_FROZEN
                ? BigDecimal.valueOf(quantity).multiply(depositFactor)
                : BigDecimal.valueOf(quantity);
    }

    /** Whether a reservation fits: {@code available} never goes below zero. */
    public static boolean fits(BigDecimal available, int quantity, FundingStatus funding, BigDecimal depositFactor) {
        return available.compareTo(weight(quantity, funding, depositFactor)) >= 0;
    }

    /** Units that a fully paid conversion needs for real: {@code on_hand − fully_paid_reserved}. */
    public static long realUnitsFree(long onHand, long fullyPaidReserved) {
        return onHand - fullyPaidReserved;
    }
}
