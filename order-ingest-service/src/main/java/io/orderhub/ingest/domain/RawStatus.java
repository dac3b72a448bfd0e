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
    /** Could not be parsed or mapped; {@code error} says why and {@code problem} its class. Replayable after a fix. */
    QUARANTINED,
    /**
     * A platform's thin change notification (Taobao TMC message, Pinduoduo PMC frame, Douyin message, JD order change):
     * no order in it. Kept; it triggers a pull of the shop, which fetches the order itself.
     */
    NOTIFICATION
}
