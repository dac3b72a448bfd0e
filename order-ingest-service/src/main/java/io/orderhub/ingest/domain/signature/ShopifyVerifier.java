package io.orderhub.ingest.domain.signature;

import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Base64;

/** {@code X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(key = shop secret, message = raw body bytes))}. */
@ApplicationScoped
public class ShopifyVerifier implements SignatureVerifier {
    public static final String HEADER = "X-Shopify-Hmac-Sha256";

    @Override
    public String channel() {
        return Channels.SHOPIFY;
    }

    @Override
    public Verification verify(WebhookRequest request, Credential credential) {
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            return Verification.rejected("send the " + HEADER + " header: base64 of the HMAC-SHA256 of the raw body "
                    + "with the shop's webhook secret");
        }
        byte[] received;
        try {
            received = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return Verification.rejected(HEADER + " is not base64: send base64(HMAC-SHA256(secret, raw body))");
        }
        byte[] expected = Digests.hmacSha256(credential.secret(), request.body());
        if (!Digests.constantTimeEquals(received, expected)) {
            return Verification.rejected(HEADER + " does not match the body: sign the exact bytes you send, "
                    + "with this shop's webhook secret");
        }
        return Verification.ok();
    }

    /** What Shopify would send for {@code body}; used by the simulators and tests. */
    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(Digests.hmacSha256(secret, body));
    }
}
