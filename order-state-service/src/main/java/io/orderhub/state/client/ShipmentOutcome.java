package io.orderhub.state.client;

/**
 * What an outbound call (a write-back to the channel, an intercept at the warehouse) came to: {@code SUCCEEDED};
 * {@code REJECTED} — the other side refused (its state disagrees: a cross-channel conflict); {@code UNREACHABLE} —
 * no answer after the retries, or the circuit breaker is open. {@code request}/{@code response} are kept for the
 * person who reviews it.
 */
public record ShipmentOutcome(Result result, String detail, String request, String response) {

    public enum Result { SUCCEEDED, REJECTED, UNREACHABLE }

    public static ShipmentOutcome succeeded(String detail, String request, String response) {
        return new ShipmentOutcome(Result.SUCCEEDED, detail, request, response);
    }

    public static ShipmentOutcome rejected(String detail, String request, String response) {
        return new ShipmentOutcome(Result.REJECTED, detail, request, response);
    }

    public static ShipmentOutcome unreachable(String detail, String request) {
        return new ShipmentOutcome(Result.UNREACHABLE, detail, request, null);
    }
}
