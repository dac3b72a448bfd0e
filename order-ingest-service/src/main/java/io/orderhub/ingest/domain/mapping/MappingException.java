package io.orderhub.ingest.domain.mapping;

/** A payload that cannot be mapped as it is; the message says which field and what to fix, {@link #kind()} whose fault. */
public class MappingException extends RuntimeException {

    /** What is wrong, which decides the webhook's answer. */
    public enum Kind {
        /** Not UTF-8 JSON at all (400). */
        MALFORMED,
        /** JSON, but no order object where the mapping expects it (422, unless it is a platform's change notification). */
        NOT_AN_ORDER,
        /** An order document with a required field missing or of the wrong type (422). */
        INVALID,
        /** A valid document the hub's vocabulary does not know yet (an unknown status): the hub must fix its mapping (202). */
        UNMAPPED
    }

    private final Kind kind;

    public MappingException(String message) {
        this(Kind.INVALID, message, null);
    }

    public MappingException(String message, Throwable cause) {
        this(Kind.INVALID, message, cause);
    }

    public MappingException(Kind kind, String message) {
        this(kind, message, null);
    }

    public MappingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
