package io.orderhub.ingest.domain.signature;

/**
 * One channel's webhook signature scheme. Implementations check the bytes received, before any
 * parsing, and compare digests in constant time ({@link Digests#constantTimeEquals}). One
 * implementation per channel; the webhook endpoint picks the one whose {@link #channel()} matches
 * the path, so a new channel plugs in by adding a bean.
 */
public interface SignatureVerifier {
    String channel();

    /**
     * The time the sender signed into the request, for schemes that sign one (TOP, JOS, POP); the webhook
     * refuses a request outside {@code orderhub.ingest.timestamp-window} so that a captured request cannot
     * be replayed later. Empty for schemes without one (Shopify relies on its delivery id).
     */
    default java.util.Optional<java.time.Instant> signedTimestamp(WebhookRequest request) {
        return java.util.Optional.empty();
    }

    /**
     * How far from now a signed timestamp may be: {@code orderhub.ingest.timestamp-window} ({@code configured}) unless the
     * scheme fixes its own (the generic channel documents ±5 minutes to its senders).
     */
    default java.time.Duration timestampWindow(java.time.Duration configured) {
        return configured;
    }

    /** Never throws for a bad or missing signature: answers {@link Verification#rejected} with what to fix. */
    Verification verify(WebhookRequest request, Credential credential);
}
