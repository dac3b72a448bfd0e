package io.orderhub.ingest.domain.signature;

import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * JOS signature on the hub's JD push convention: a form with {@code app_key, timestamp} (Beijing
 * {@code yyyy-MM-dd HH:mm:ss}), {@code v, 360buy_param_json} and {@code sign}.
 */
@ApplicationScoped
public class JdVerifier extends FormParamsVerifier {
    @Override
    public String channel() {
        return Channels.JD;
    }

    @Override
    String appKeyParam() {
        return "app_key";
    }

    @Override
    public Optional<Instant> signedTimestamp(WebhookRequest request) {
        return SortedParamsSigner.beijingTime(params(request).get("timestamp"));
    }
}
