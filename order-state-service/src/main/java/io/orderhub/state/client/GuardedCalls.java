package io.orderhub.state.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The marketplace calls, one guarded method per platform (and one for the retailers' own apps, channel {@code app})
 * so that each has its own circuit breaker (a Taobao outage does not stop Shopify): a timeout per attempt, two retries with jitter on transient failures
 * ({@link PlatformUnavailableException}, timeouts, connection errors), a breaker that opens after half of the last 8
 * calls failed and probes again after 30 s, and a fallback that answers {@link PlatformResponse#unavailable} instead
 * of an exception. A refusal ({@link PlatformRefusedException}) is none of these: it propagates at once. Tune with
 * the MicroProfile keys, e.g. {@code io.orderhub.state.client.GuardedCalls/taobao/Retry/maxRetries=4}.
 */
@ApplicationScoped
public class GuardedCalls {
    private static final Logger LOG = Logger.getLogger(GuardedCalls.class);

    @Inject
    @RestClient
    MarketplaceApi api;

    /** Answers {@code unavailable} with the reason once retries are spent or the breaker is open. */
    public static class Unavailable implements FallbackHandler<Uni<PlatformResponse>> {
        @Override
        public Uni<PlatformResponse> handle(ExecutionContext context) {
            PlatformCall call = (PlatformCall) context.getParameters()[0];
            Throwable failure = context.getFailure();
            String reason = call.channel() + " " + call.api() + " is unavailable: "
                    + (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException
                    ? "circuit breaker open after repeated failures (it probes again after its delay)"
                    : failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                    ? "no answer within the timeout" : String.valueOf(failure.getMessage()));
            LOG.warn(reason);
            return Uni.createFrom().item(PlatformResponse.unavailable(reason));
        }
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PlatformRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = PlatformRefusedException.class)
    @Fallback(value = Unavailable.class, skipOn = PlatformRefusedException.class)
    public Uni<PlatformResponse> shopify(PlatformCall call) {
        return invoke(call);
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PlatformRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = PlatformRefusedException.class)
    @Fallback(value = Unavailable.class, skipOn = PlatformRefusedException.class)
    public Uni<PlatformResponse> taobao(PlatformCall call) {
        return invoke(call);
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PlatformRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = PlatformRefusedException.class)
    @Fallback(value = Unavailable.class, skipOn = PlatformRefusedException.class)
    public Uni<PlatformResponse> jd(PlatformCall call) {
        return invoke(call);
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PlatformRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = PlatformRefusedException.class)
    @Fallback(value = Unavailable.class, skipOn = PlatformRefusedException.class)
    public Uni<PlatformResponse> pdd(PlatformCall call) {
        return invoke(call);
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PlatformRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = PlatformRefusedException.class)
    @Fallback(value = Unavailable.class, skipOn = PlatformRefusedException.class)
    public Uni<PlatformResponse> douyin(PlatformCall call) {
        return invoke(call);
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PlatformRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = PlatformRefusedException.class)
    @Fallback(value = Unavailable.class, skipOn = PlatformRefusedException.class)
    public Uni<PlatformResponse> xhs(PlatformCall call) {
        return invoke(call);
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = PlatformRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = PlatformRefusedException.class)
    @Fallback(value = Unavailable.class, skipOn = PlatformRefusedException.class)
    public Uni<PlatformResponse> app(PlatformCall call) {
        return invoke(call);
    }

    private Uni<PlatformResponse> invoke(PlatformCall call) {
        Uni<Response> sent = switch (call.kind()) {
            case GET -> api.get(call.url(), call.query(), call.shopifyAccessToken());
            case POST_FORM -> {
                MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
                call.form().forEach(form::add);
                yield api.postForm(call.url(), form);
            }
            case POST_JSON -> api.postJson(call.url(), call.query(), call.shopifyAccessToken(), call.json());
            case POST_SIGNED_JSON -> api.postSignedJson(call.url(), call.signedHeaders().get(ApiSigning.APP_TIMESTAMP),
                    call.signedHeaders().get(ApiSigning.APP_SIGNATURE), call.signedHeaders().get(ApiSigning.APP_DELIVERY_ID),
                    call.signedHeaders().get(ApiSigning.APP_EVENT), call.json().getBytes(StandardCharsets.UTF_8));
        };
        // a non-2xx is an answer to read (the platforms put their error in the body), not an exception
        return sent.onFailure(jakarta.ws.rs.WebApplicationException.class)
                .recoverWithItem(e -> ((jakarta.ws.rs.WebApplicationException) e).getResponse())
                .map(r -> {
            String body = body(r);
            Map<String, String> headers = new LinkedHashMap<>();
            r.getStringHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            PlatformErrors.check(call, r.getStatus(), body);
            return new PlatformResponse(r.getStatus(), body, headers, null);
        });
    }

    private static String body(Response r) {
        try {
            return r.hasEntity() ? r.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            return ""; // already consumed or not buffered: the status still says what happened
        }
    }
}
