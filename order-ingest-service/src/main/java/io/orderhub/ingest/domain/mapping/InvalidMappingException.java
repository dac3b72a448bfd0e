package io.orderhub.ingest.domain.mapping;

/** A mapping document that is not usable; the message says which part and what to fix. */
public class InvalidMappingException extends RuntimeException {
    public InvalidMappingException(String message) {
        super(message);
    }
}
