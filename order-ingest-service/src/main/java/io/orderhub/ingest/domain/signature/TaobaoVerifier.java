package io.orderhub.ingest.domain.signature;

import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * TOP's {@code signTopRequest}: query parameters (all but {@code sign}, empty values skipped) sorted by
 * name as {@code key+value}, then the raw body; {@code sign_method=md5}: {@code MD5(secret + s + secret)},
 * {@code hmac}: HMAC-MD5(secret, s), {@code hmac-sha256}: HMAC-SHA256(secret, s); upper-case hex.
 * The hub's push convention: the TMC message (or the trade document) as the JSON body, the signed
 * parameters {@code app_key, sign_method, timestamp, topic, sign} in the query.
 */
@ApplicationScoped
public class TaobaoVerifier implements SignatureVerifier {

    @Override
    public String channel() {
        return Channels.TAOBAO;
    }

    @Override
    public Verification verify(WebhookRequest request, Credential credential) {
        Map<String, String> params = request.query();
        String sign = params.get("sign");
        if (sign == null || sign.isBlank()) {
            return Verification.rejected(SortedParamsSigner.missing("sign", "TOP signature of the sorted query parameters and the body"));
        }
        if (credential.appKey() != null && !credential.appKey().equals(params.get("app_key"))) {
            return Verification.rejected("app_key '" + params.get("app_key") + "' is not this shop's app");
        }
        String method = params.getOrDefault("sign_method", "md5");
        String pairs = Digests.sortedPairs(params);
        byte[] expected = switch (method) {
            case "md5" -> SortedParamsSigner.md5Wrapped(credential.secret(), pairs, request.body());
            case "hmac" -> Digests.hmac("HmacMD5", credential.secret(), Digests.concat(Digests.utf8(pairs), request.body()));
            case "hmac-sha256" -> Digests.hmacSha256(credential.secret(), Digests.concat(Digests.utf8(pairs), request.body()));
            default -> null;
        };
        if (expected == null) {
            return Verification.rejected("sign_method '" + method + "' is not one of md5, hmac, hmac-sha256");
        }
        if (!Digests.hexEquals(sign, expected)) {
            return Verification.rejected("sign does not match: sign the sorted query parameters (without sign) followed "
                    + "by the exact body bytes, with this shop's secret and sign_method " + method);
        }
        return Verification.ok();
    }

    @Override
    public Optional<Instant> signedTimestamp(WebhookRequest request) {
        return SortedParamsSigner.beijingTime(request.query().get("timestamp"));
    }

    /** What the hub's Taobao simulator sends (md5); for tests and simulators. */
    public static String sign(String secret, Map<String, String> query, byte[] body) {
        return Digests.hex(SortedParamsSigner.md5Wrapped(secret, Digests.sortedPairs(query), body)).toUpperCase();
    }
}
