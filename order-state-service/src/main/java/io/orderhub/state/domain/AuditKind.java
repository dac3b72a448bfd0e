package io.orderhub.state.domain;

/** What an audit (timeline) entry records. */
public enum AuditKind {
    /** The order entered a state (or was created in it). */
    TRANSITION,
    /** A step that a later report implies, recorded when the gap was filled. */
    GAP_FILLED,
    /** A write that was refused (backwards, terminal, guard not met, held). Nothing changed. */
    REFUSAL,
    HOLD,
    HOLD_RELEASED,
    /** A condition beside the state was set or cleared (INTERCEPTED, PARTIALLY_SHIPPED, AFTER_SALE). */
    CONDITION,
    /** The funding changed, e.g. a presale's balance was paid (DEPOSIT_FROZEN → FULLY_PAID). */
    FUNDING,
    /** The shipment was written back to the channel, or the write-back failed (and went to manual review). */
    WRITE_BACK,
    /** The warehouse was asked to stop the parcel, or could not be (and it went to manual review). */
    WAREHOUSE
}
