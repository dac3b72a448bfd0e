package io.orderhub.alerting.channel;

/** A channel or external system refused or could not be reached; the delivery is retried with backoff. */
public class DeliveryException extends RuntimeException {
    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
