package io.orderhub.state.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;

/**
 * {@link Warehouse} over the WMS's JSON API: timeout, two retries on 5xx / no answer, a circuit breaker, and a
 * fallback that answers {@code UNREACHABLE}; a 4xx is the WMS refusing (the parcel has left): {@code REJECTED}.
 */
@ApplicationScoped
public class WmsWarehouse implements Warehouse {
    @Inject
    @RestClient
    WmsApi api;
    @Inject
    ObjectMapper json;

    /** Thrown inside the guarded call for a 5xx, so that it is retried. */
    static final class WmsUnavailable extends RuntimeException {
        WmsUnavailable(String message) {
            super(message);
        }
    }

    public static class Unreachable implements FallbackHandler<Uni<ShipmentOutcome>> {
        @Override
        public Uni<ShipmentOutcome> handle(ExecutionContext context) {
            Throwable f = context.getFailure();
            String why = f instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException
                    ? "the WMS circuit breaker is open after repeated failures"
                    : f instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException ? "the WMS did not answer in time"
                    : "the WMS is unavailable: " + f.getMessage();
            return Uni.createFrom().item(ShipmentOutcome.unreachable(why, "POST /shipments/" + context.getParameters()[0] + "/intercept"));
        }
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Fallback(Unreachable.class)
    public Uni<ShipmentOutcome> intercept(String globalOrderId, String carrier, String trackingNumber, String reason) {
        ObjectNode body = json.createObjectNode();
        body.put("reason", reason).put("carrier", carrier).put("trackingNumber", trackingNumber).put("requestedBy", "order-state-service");
        String request = "POST /shipments/" + globalOrderId + "/intercept " + body;
        return api.intercept(globalOrderId, body.toString())
                .onFailure(jakarta.ws.rs.WebApplicationException.class)
                .recoverWithItem(e -> ((jakarta.ws.rs.WebApplicationException) e).getResponse())
                .map(r -> {
            String answer;
            try {
                answer = r.hasEntity() ? r.readEntity(String.class) : "";
            } catch (RuntimeException e) {
                answer = "";
            }
            if (r.getStatus() >= 500 || r.getStatus() == 429) {
                throw new WmsUnavailable("HTTP " + r.getStatus() + ": " + answer);
            }
            if (r.getStatus() >= 400) {
                return ShipmentOutcome.rejected("the WMS refused the intercept (HTTP " + r.getStatus() + "): " + answer, request, answer);
            }
            return ShipmentOutcome.succeeded("the WMS stopped the parcel", request, answer);
        });
    }
}
