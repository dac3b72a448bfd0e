package io.orderhub.state.client;

/** A transient platform failure (5xx, 429, timeout, the platform's own "service busy" codes): retried. */
public class PlatformUnavailableException extends RuntimeException {
    public PlatformUnavailableException(String message) {
        super(message);
    }
}
