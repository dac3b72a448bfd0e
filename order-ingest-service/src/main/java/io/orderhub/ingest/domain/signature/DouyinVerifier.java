package io.orderhub.ingest.domain.signature;

import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Douyin shop push: header {@code event-sign = hex(MD5(app_key + raw body + app_secret))}, lower case
 * (both official SDKs); with header {@code sign-method: hmac-sha256},
 * {@code hex(HMAC-SHA256(key = app_secret, app_key + raw body + app_secret))}.
 */
@ApplicationScoped
public class DouyinVerifier implements SignatureVerifier {
    public static final String HEADER = "event-sign";

    @Override
    public String channel() {
        return Channels.DOUYIN;
    }

    @Override
    public Verification verify(WebhookRequest request, Credential credential) {
        String sign = request.header(HEADER);
        if (sign == null || sign.isBlank()) {
            return Verification.rejected("send the event-sign header: hex MD5 of app_key + raw body + app_secret");
        }
        if (credential.appKey() == null) {
            return Verification.rejected("this shop has no app key registered; Douyin signs with app_key + body + secret");
        }
        byte[] message = Digests.concat(Digests.utf8(credential.appKey()), request.body(), Digests.utf8(credential.secret()));
        String method = request.header("sign-method");
        byte[] expected = method != null && method.equalsIgnoreCase("hmac-sha256")
                ? Digests.hmacSha256(credential.secret(), message)
                : Digests.md5(message);
        if (!Digests.hexEquals(sign, expected)) {
            return Verification.rejected("event-sign does not match: sign app_key + the exact body bytes + app_secret");
        }
        return Verification.ok();
    }

    public static String sign(String appKey, String secret, byte[] body) {
        return Digests.hex(Digests.md5(Digests.concat(Digests.utf8(appKey), body, Digests.utf8(secret))));
    }
}
