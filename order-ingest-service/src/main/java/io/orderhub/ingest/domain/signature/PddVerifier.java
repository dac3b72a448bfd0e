package io.orderhub.ingest.domain.signature;

import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * POP signature on the hub's Pinduoduo push convention: a form with {@code client_id, data_type,
 * message} (the PMC frame or the order document), {@code timestamp} (Unix seconds), {@code type} and {@code sign}.
 */
@ApplicationScoped
public class PddVerifier extends FormParamsVerifier {
    @Override
    public String channel() {
        return Channels.PDD;
    }

    @Override
    String appKeyParam() {
        return "client_id";
    }

    @Override
    public Optional<Instant> signedTimestamp(WebhookRequest request) {
        return SortedParamsSigner.epochSeconds(params(request).get("timestamp"));
    }
}
