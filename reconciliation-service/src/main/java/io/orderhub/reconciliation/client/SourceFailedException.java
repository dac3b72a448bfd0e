package io.orderhub.reconciliation.client;

/** A transient failure of a source (5xx, garbage): worth a retry. */
public class SourceFailedException extends RuntimeException {
    public SourceFailedException(String message) {
        super(message);
    }
}
