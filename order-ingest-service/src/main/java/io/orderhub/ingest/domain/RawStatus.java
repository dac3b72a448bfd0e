package io.orderhub.ingest.domain;

/** What became of a stored raw payload. */
public enum RawStatus {
    /** Stored, not yet mapped (or its processing failed for a transient reason and will be retried). */
    RECEIVED,
    /** Mapped and published as {@code orderhub.order.ingested.v1}. */
    PROCESSED,
    /** Mapped, but the channel order's newest update was already this one: nothing published. */
    DUPLICATE,
    /** Mapped, but older than the newest update already seen: kept, never published. */
    STALE,
    /** Could not be parsed or mapped; {@code error} says why. Replayable after a fix. */
    QUARANTINED
}
