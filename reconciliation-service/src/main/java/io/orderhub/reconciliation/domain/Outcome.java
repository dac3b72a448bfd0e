package io.orderhub.reconciliation.domain;

/** One order after a check. */
public enum Outcome {
    /** No open discrepancy: the sources agree. */
    CONSISTENT,
    /** Its only open discrepancies are sync lag: not decided yet, left out of credibility and deviation rates. */
    SETTLING,
    /** At least one open discrepancy that is not sync lag. */
    DEVIATING
}
