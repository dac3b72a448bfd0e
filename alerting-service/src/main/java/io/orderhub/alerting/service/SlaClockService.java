package io.orderhub.alerting.service;

import io.orderhub.alerting.domain.SlaClock;
import io.orderhub.alerting.repository.SlaClockRepository;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/** Starts an order's ship-by clock when it is paid and stops it when it ships or closes. */
@ApplicationScoped
public class SlaClockService {
    @Inject
    SlaClockRepository clocks;

    @ConfigProperty(name = "orderhub.alerting.default-ship-window", defaultValue = "PT2H")
    Duration defaultWindow;

    public Uni<Void> onLifecycle(OrderLifecycleChanged change) {
        if (change.refused() || change.to() == null) {
            return Uni.createFrom().voidItem();
        }
        return clocks.findById(change.globalOrderId()).chain(existing -> {
            Instant now = Instant.now();
            SlaClock clock = existing;
            if (clock == null) {
                clock = new SlaClock();
                clock.globalOrderId = change.globalOrderId();
                clock.channel = change.channel();
            }
            clock.state = change.to().name();
            clock.updatedAt = now;
            if (clock.paidAt == null && change.to() != OrderState.PENDING_PAYMENT && change.to() != OrderState.CLOSED) {
                clock.paidAt = change.paidAt() != null ? change.paidAt() : change.occurredAt();
                clock.deadline = SlaClock.deadline(clock.paidAt, defaultWindow);
            }
            if (clock.stoppedAt == null && (change.to() == OrderState.SHIPPED || change.to() == OrderState.DELIVERED
                    || change.to() == OrderState.CLOSED)) {
                clock.stoppedAt = now;
            }
            return existing == null ? clocks.persist(clock).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }
}
