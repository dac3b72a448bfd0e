package io.orderhub.ingest.domain.signature;

import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Xiaohongshu has no confirmed push signature; the hub's convention (its simulator's):
 * header {@code X-Hub-Signature = hex(HMAC-SHA256(key = secret, raw body))}.
 */
@ApplicationScoped
public class XhsVerifier implements SignatureVerifier {
    public static final String HEADER = "X-Hub-Signature";

    @Override
    public String channel() {
        return Channels.XHS;
    }

    @Override
    public Verification verify(WebhookRequest request, Credential credential) {
        String sign = request.header(HEADER);
        if (sign == null || sign.isBlank()) {
            return Verification.rejected("send the X-Hub-Signature header: hex HMAC-SHA256 of the raw body with the shop's secret");
        }
        if (!Digests.hexEquals(sign, Digests.hmacSha256(credential.secret(), request.body()))) {
            return Verification.rejected("X-Hub-Signature does not match: sign the exact body bytes with this shop's secret");
        }
        return Verification.ok();
    }

    public static String sign(String secret, byte[] body) {
        return Digests.hex(Digests.hmacSha256(secret, body));
    }
}
