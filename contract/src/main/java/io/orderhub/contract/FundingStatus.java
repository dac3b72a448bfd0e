package io.orderhub.contract;

/** How a reservation is funded (DESIGN.md "Inventory"). */
public enum FundingStatus {
    /** A presale deposit is paid; the balance is not. Weighted by the SKU's deposit factor. */
    DEPOSIT_FROZEN,
    FULLY_PAID,
    NONE
}
