package io.orderhub.ingest.domain.mapping;

/** A payload that cannot be mapped as it is; the message says which field and what to fix. */
public class MappingException extends RuntimeException {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
