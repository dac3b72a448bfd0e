package io.orderhub.state.messaging;

import io.orderhub.kit.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Returns events (after-sale condition, interception of refunded orders) — wired and recorded; behaviour comes with returns-service. */
@ApplicationScoped
public class ReturnsConsumer {
    static final String CONSUMER = "order-state-service.returns";

    @Inject
    EventConsumer consumer;

    @Incoming(Channels.RETURNS_IN)
    public Uni<Void> onReturn(Message<String> message) {
        return consumer.process(message, CONSUMER, event -> Uni.createFrom().voidItem());
    }
}
