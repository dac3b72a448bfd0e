package io.orderhub.returns.service;

import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.returns.domain.KnownOrder;
import io.orderhub.returns.repository.KnownOrderRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

@ApplicationScoped
public class KnownOrders {
    @Inject
    KnownOrderRepository orders;

    public Uni<Void> apply(OrderLifecycleChanged change) {
        if (change.refused() || change.to() == null) {
            return Uni.createFrom().voidItem();
        }
        return orders.findById(change.globalOrderId()).chain(existing -> {
            KnownOrder o = existing == null ? new KnownOrder() : existing;
            o.globalOrderId = change.globalOrderId();
            o.channel = change.channel();
            o.state = change.to().name();
            o.updatedAt = Instant.now();
            return existing == null ? orders.persist(o).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }
}
