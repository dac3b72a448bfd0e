package io.orderhub.alerting.client;

import io.orderhub.alerting.channel.DeliveryException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls to the WMS and the coupon system, with a timeout, a couple of quick retries and a circuit breaker. What
 * still fails ends in the fallback as a {@link DeliveryException}: the durable dispatcher tries again later, so a
 * pause or a freeze is never lost.
 */
@ApplicationScoped
public class WmsClient {
    private static final String WHO = "alerting-service";

    @Inject
    @RestClient
    WmsApi wms;
    @Inject
    @RestClient
    CouponApi coupons;

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "pauseFailed")
    public Uni<Void> pauseIntake(String reason) {
        return wms.pauseIntake(new WmsApi.IntakeRequest(reason, WHO)).replaceWithVoid();
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "resumeFailed")
    public Uni<Void> resumeIntake(String reason) {
        return wms.resumeIntake(new WmsApi.IntakeRequest(reason, WHO)).replaceWithVoid();
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "freezeFailed")
    public Uni<Void> freezeCoupons(String globalOrderId, String reason) {
        return coupons.freeze(new CouponApi.FreezeRequest(globalOrderId, reason, WHO)).replaceWithVoid();
    }

    Uni<Void> pauseFailed(String reason, Throwable error) {
        return Uni.createFrom().failure(new DeliveryException("WMS pause-intake failed: " + error.getMessage(), error));
    }

    Uni<Void> resumeFailed(String reason, Throwable error) {
        return Uni.createFrom().failure(new DeliveryException("WMS resume-intake failed: " + error.getMessage(), error));
    }

    Uni<Void> freezeFailed(String globalOrderId, String reason, Throwable error) {
        return Uni.createFrom().failure(new DeliveryException("coupon freeze for " + globalOrderId + " failed: "
                + error.getMessage(), error));
    }
}
