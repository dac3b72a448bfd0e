package io.orderhub.reconciliation.client;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Turns HTTP answers and client failures into the two kinds the guarded calls distinguish, and says why in words. */
final class Failures {
    private Failures() {
    }

    /** The body of a 2xx answer; a 5xx is transient, any other status a refusal. */
    static String body(String source, Response r) {
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        int status = r.getStatus();
        if (status >= 500) {
            throw new SourceFailedException(source + " answered HTTP " + status + ": " + abbreviate(body));
        }
        if (status >= 300) {
            throw new SourceRefusedException(source + " refused the call with HTTP " + status + ": " + abbreviate(body));
        }
        return body;
    }

    /** The client's default mapper throws for a status of 400 or more: classify it the same way. */
    static Throwable classify(String source, Throwable e) {
        if (e instanceof WebApplicationException w && w.getResponse() != null) {
            int status = w.getResponse().getStatus();
            String body = "";
            try {
                body = w.getResponse().hasEntity() ? w.getResponse().readEntity(String.class) : "";
            } catch (RuntimeException ignored) {
                // the entity may already be consumed
            }
            return status >= 500 ? new SourceFailedException(source + " answered HTTP " + status + ": " + abbreviate(body))
                    : new SourceRefusedException(source + " refused the call with HTTP " + status + ": " + abbreviate(body));
        }
        return e;
    }

    /** Why a guarded call ended in its fallback, for the run's record. */
    static String reason(String source, Throwable error) {
        if (error instanceof CircuitBreakerOpenException) {
            return source + " unavailable: circuit breaker open after repeated failures (it probes again after its delay)";
        }
        if (error instanceof TimeoutException) {
            return source + " unavailable: no answer within the timeout";
        }
        return source + " unavailable: " + error.getMessage();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
