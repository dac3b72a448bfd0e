package io.orderhub.ingest.domain.signature;

/**
 * One channel's webhook signature scheme. Implementations check the bytes received, before any
 * parsing, and compare digests in constant time ({@link Digests#constantTimeEquals}). One
 * implementation per channel; the webhook endpoint picks the one whose {@link #channel()} matches
 * the path, so a new channel plugs in by adding a bean.
 */
public interface SignatureVerifier {
    String channel();

    /** Never throws for a bad or missing signature: answers {@link Verification#rejected} with what to fix. */
    Verification verify(WebhookRequest request, Credential credential);
}
