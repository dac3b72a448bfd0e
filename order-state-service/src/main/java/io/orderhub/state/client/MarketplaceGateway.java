package io.orderhub.state.client;

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
            case "shopify" -> guarded.shopify(call);
            case "taobao" -> guarded.taobao(call);
            case "jd" -> guarded.jd(call);
            case "pdd" -> guarded.pdd(call);
            case "douyin" -> guarded.douyin(call);
            case "xhs" -> guarded.xhs(call);
            case "app" -> guarded.app(call);
            default -> Uni.createFrom().failure(new PlatformRefusedException("no API client for channel " + call.channel()));
        };
    }
}
