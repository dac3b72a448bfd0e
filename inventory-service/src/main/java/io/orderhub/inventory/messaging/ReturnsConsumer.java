package io.orderhub.inventory.messaging;

import io.orderhub.kit.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Returns events (exchanges reserve the new SKU) — wired here; the exchange flow comes with the returns service. */
@ApplicationScoped
public class ReturnsConsumer {
    @Inject
    EventConsumer consumer;

    @Incoming("returns-in")
    public Uni<Void> onReturn(Message<String> message) {
        return consumer.process(message, "inventory-service.returns", event -> Uni.createFrom().voidItem());
    }
}
