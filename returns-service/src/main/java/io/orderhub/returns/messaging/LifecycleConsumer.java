package io.orderhub.returns.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.returns.service.KnownOrders;
import io.orderhub.returns.service.ReturnsService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Keeps the order projection (state, shipped/delivered, lines) and resolves interceptions: closed → refund, shipped → return. */
@ApplicationScoped
public class LifecycleConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    KnownOrders orders;
    @Inject
    ReturnsService returns;
    @Inject
    ObjectMapper mapper;

    @Incoming("orders-lifecycle-in")
    public Uni<Void> onLifecycle(Message<String> message) {
        return consumer.process(message, "returns-service.lifecycle",
                event -> orders.apply(event.data(mapper, OrderLifecycleChanged.class))
                        .chain(order -> order == null ? Uni.createFrom().voidItem() : returns.onOrderChanged(order)));
    }
}
