package io.orderhub.ingest.domain.signature;

import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The generic channel ({@code app}), the hub's own documented scheme for a retailer's mini-program or app:
 * {@code X-OrderHub-Signature = hex(HMAC-SHA256(key = shop secret, message = X-OrderHub-Timestamp + "." + raw body))},
 * {@code X-OrderHub-Timestamp} in Unix seconds. The timestamp is signed so that a captured request cannot be sent
 * again later: it must be within {@link #WINDOW} of the hub's clock, whatever the other channels tolerate.
 */
@ApplicationScoped
public class AppVerifier implements SignatureVerifier {
    public static final String SIGNATURE = "X-OrderHub-Signature";
    public static final String TIMESTAMP = "X-OrderHub-Timestamp";
    public static final String DELIVERY_ID = "X-OrderHub-Delivery-Id";
    public static final String EVENT = "X-OrderHub-Event";
    /** Part of the documented protocol (README "The generic channel"), so not configurable per deployment. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    @Override
    public String channel() {
        return Channels.APP;
    }

    @Override
    public Duration timestampWindow(Duration configured) {
        return WINDOW;
    }

    @Override
    public Optional<Instant> signedTimestamp(WebhookRequest request) {
        return SortedParamsSigner.epochSeconds(request.header(TIMESTAMP));
    }

    @Override
    public Verification verify(WebhookRequest request, Credential credential) {
        String timestamp = request.header(TIMESTAMP);
        if (timestamp == null || !timestamp.trim().matches("\\d{1,12}")) {
            return Verification.rejected("send the " + TIMESTAMP + " header: the time of sending in Unix seconds (e.g. 1795310400), "
                    + "the same value that is signed");
        }
        String sign = request.header(SIGNATURE);
        if (sign == null || sign.isBlank()) {
            return Verification.rejected("send the " + SIGNATURE + " header: lower-case hex of HMAC-SHA256(shop secret, "
                    + TIMESTAMP + " + \".\" + raw body)");
        }
        if (!Digests.hexEquals(sign.trim(), expected(credential.secret(), timestamp.trim(), request.body()))) {
            return Verification.rejected(SIGNATURE + " does not match: sign the " + TIMESTAMP + " value, a dot and the exact body "
                    + "bytes you send, with this shop's secret (HMAC-SHA256, hex)");
        }
        return Verification.ok();
    }

    private static byte[] expected(String secret, String timestamp, byte[] body) {
        return Digests.hmacSha256(secret, Digests.concat(Digests.utf8(timestamp + "."), body));
    }

    /** What a retailer's app sends for {@code body} signed at {@code timestamp}; for tests and the README example. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return Digests.hex(expected(secret, timestamp, body));
    }
}
