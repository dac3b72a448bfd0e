package io.orderhub.reconciliation.client;

/** A source answered but refused the call (bad credentials, bad parameter): retrying the same call will not help. */
public class SourceRefusedException extends RuntimeException {
    public SourceRefusedException(String message) {
        super(message);
    }
}
