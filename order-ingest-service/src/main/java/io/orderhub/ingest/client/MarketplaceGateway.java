package io.orderhub.ingest.client;

import io.orderhub.ingest.domain.Channels;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends a signed {@link PlatformCall} through its platform's guarded method. Answers the platform's response,
 * {@link PlatformResponse#unavailable} when it could not be reached (retries spent, breaker open), or fails with
 * {@link PlatformRefusedException} when the platform refused the call.
 */
@ApplicationScoped
public class MarketplaceGateway {
    @Inject
    GuardedCalls guarded;

    public Uni<PlatformResponse> send(PlatformCall call) {
        return switch (call.channel()) {
            case Channels.SHOPIFY -> guarded.shopify(call);
            case Channels.TAOBAO -> guarded.taobao(call);
            case Channels.JD -> guarded.jd(call);
            case Channels.PDD -> guarded.pdd(call);
            case Channels.DOUYIN -> guarded.douyin(call);
            case Channels.XHS -> guarded.xhs(call);
            case Channels.APP -> guarded.app(call);
            default -> Uni.createFrom().failure(new PlatformRefusedException("no API client for channel " + call.channel()));
        };
    }
}
