package io.orderhub.reconciliation.service;

import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.reconciliation.domain.HubOrder;
import io.orderhub.reconciliation.repository.HubOrderRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** Keeps the hub's side of each order current from lifecycle events (refusals change nothing). */
@ApplicationScoped
public class HubOrderProjection {
    @Inject
    HubOrderRepository orders;

    public Uni<Void> apply(OrderLifecycleChanged change) {
        if (change.refused() || change.to() == null) {
            return Uni.createFrom().voidItem();
        }
        return orders.findById(change.globalOrderId()).chain(existing -> {
            HubOrder o = existing;
            if (o == null) {
                o = new HubOrder();
                o.globalOrderId = change.globalOrderId();
            }
            o.channel = change.channel();
            o.state = change.to().name();
            if (change.paidAt() != null) {
                o.paidAt = change.paidAt();
            }
            if (change.trackingNumber() != null) {
                o.trackingNumber = change.trackingNumber();
            }
            o.updatedAt = change.occurredAt() == null ? Instant.now() : change.occurredAt();
            return existing == null ? orders.persist(o).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }
}
