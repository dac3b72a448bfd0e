package io.orderhub.reconciliation.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET orders.json} of one shop, guarded: timeout, two retries on transient failures, a circuit breaker, and a
 * fallback answering {@link Answer#unavailable} with the reason.
 */
@ApplicationScoped
public class ShopifyClient {
    private static final Logger LOG = Logger.getLogger(ShopifyClient.class);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    /** The body and the next page's {@code page_info} (from the {@code Link} header), or why there is none. */
    public record Answer(String body, String nextPageInfo, String unavailable) {
        public static Answer unavailable(String reason) {
            return new Answer(null, null, reason);
        }
    }

    @Inject
    @RestClient
    ShopifyApi api;

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = SourceRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = SourceRefusedException.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Answer> orders(String endpoint, Map<String, String> query, String accessToken) {
        return api.get(endpoint, query, accessToken)
                .onFailure().transform(e -> Failures.classify("Shopify", e))
                .map(r -> {
                    String body = Failures.body("Shopify", r);
                    return new Answer(body, nextPageInfo(r.getHeaderString("Link")), null);
                });
    }

    Uni<Answer> unavailable(String endpoint, Map<String, String> query, String accessToken, Throwable error) {
        String reason = Failures.reason("Shopify orders.json", error);
        LOG.warn(reason);
        return Uni.createFrom().item(Answer.unavailable(reason));
    }

    /** {@code page_info} of the {@code rel="next"} link, or null on the last page. */
    static String nextPageInfo(String link) {
        if (link == null) {
            return null;
        }
        for (String part : link.split(",")) {
            Matcher m = NEXT.matcher(part.trim());
            if (m.find()) {
                String url = m.group(1);
                int i = url.indexOf("page_info=");
                if (i >= 0) {
                    String rest = url.substring(i + "page_info=".length());
                    int amp = rest.indexOf('&');
                    return java.net.URLDecoder.decode(amp < 0 ? rest : rest.substring(0, amp), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
