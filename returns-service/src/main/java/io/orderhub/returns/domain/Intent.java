package io.orderhub.returns.domain;

/** What the customer wants, read from their own words (DESIGN.md "Returns"). */
public enum Intent {
    /** Another item (size, colour, SKU, or the same item new) and no money back. */
    EXCHANGE,
    /** Money back without sending goods back (not shipped, not received, lost, missing, price difference, keep it). */
    REFUND_ONLY,
    /** The goods go back for the money. */
    RETURN_AND_REFUND
}
