package io.orderhub.state.client;

/**
 * The platform refused the call (bad credentials or signature, invalid parameters, a business rule): retrying the
 * same call cannot help, so it is neither retried nor counted against the circuit breaker.
 */
public class PlatformRefusedException extends RuntimeException {
    public PlatformRefusedException(String message) {
        super(message);
    }
}
