package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * The marketplaces' open APIs, guarded: timeout, two retries on transient failures (5xx, garbage, a platform error
 * that says "try again"), a circuit breaker per platform (one method each: a Taobao outage does not stop the JD
 * pull), and a fallback answering {@link Answer#unavailable} with the reason. {@code check} reads the body and throws
 * {@link SourceFailedException} or {@link SourceRefusedException} for the platform's error envelopes, inside the
 * guard, so that they are retried or not like HTTP failures.
 */
@ApplicationScoped
public class MarketplaceClient {
    private static final Logger LOG = Logger.getLogger(MarketplaceClient.class);

    /** What a call gave: the answer's JSON (checked: not an error envelope), or why there is none. */
    public record Answer(JsonNode json, String unavailable) {
        static Answer unavailable(String reason) {
            return new Answer(null, reason);
        }
    }

    @Inject
    @RestClient
    MarketplaceApi api;

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = SourceRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = SourceRefusedException.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Answer> taobao(PlatformCall call, Function<String, JsonNode> check) {
        return call("Taobao", call, check);
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = SourceRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = SourceRefusedException.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Answer> jd(PlatformCall call, Function<String, JsonNode> check) {
        return call("JD", call, check);
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = SourceRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = SourceRefusedException.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Answer> pdd(PlatformCall call, Function<String, JsonNode> check) {
        return call("Pinduoduo", call, check);
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = SourceRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = SourceRefusedException.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Answer> douyin(PlatformCall call, Function<String, JsonNode> check) {
        return call("Douyin", call, check);
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = SourceRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = SourceRefusedException.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Answer> xhs(PlatformCall call, Function<String, JsonNode> check) {
        return call("Xiaohongshu", call, check);
    }

    Uni<Answer> unavailable(PlatformCall call, Function<String, JsonNode> check, Throwable error) {
        String reason = Failures.reason(call.api(), error);
        LOG.warn(reason);
        return Uni.createFrom().item(Answer.unavailable(reason));
    }

    private Uni<Answer> call(String platform, PlatformCall call, Function<String, JsonNode> check) {
        Uni<jakarta.ws.rs.core.Response> sent;
        if (call.form() != null) {
            MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
            call.form().forEach(form::add);
            sent = api.form(call.url(), form);
        } else {
            sent = api.json(call.url(), call.query(), call.json());
        }
        return sent.onFailure().transform(e -> Failures.classify(platform, e))
                .map(r -> new Answer(check.apply(Failures.body(platform, r)), null));
    }
}
