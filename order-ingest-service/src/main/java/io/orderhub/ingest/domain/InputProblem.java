package io.orderhub.ingest.domain;

/**
 * Why a stored payload was quarantined, and so what its sender is answered. Whatever the class, the body is kept
 * (once its signature verified) and can be replayed after a fix ({@code POST /quarantine/{id}/replay}).
 */
public enum InputProblem {
    /** Not UTF-8 JSON (or an empty body): the sender's fault, a retry of the same bytes fails again. */
    MALFORMED(400),
    /** The channel's content type was not used (JSON channels: application/json; JD, Pinduoduo: a form). */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** Larger than {@code orderhub.ingest.max-body-size}. */
    TOO_LARGE(413),
    /**
     * A delivery id already used for other bytes: a retry must repeat the same body, a new delivery needs a new id. The
     * new body is kept under its own key (delivery id + its SHA-256), so nothing is lost; replay it if it is genuine.
     */
    CONFLICT(409),
    /** JSON, but not an order document of this channel, or a required field is missing or of the wrong type. */
    INVALID(422),
    /**
     * A well-formed order the hub's vocabulary does not know yet (e.g. a new status): the hub must fix its mapping,
     * the platform did nothing wrong, so it is accepted ({@code 202}) and kept for replay.
     */
    UNMAPPED(202);

    public final int httpStatus;

    InputProblem(int httpStatus) {
        this.httpStatus = httpStatus;
    }
}
