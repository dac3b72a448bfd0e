package io.orderhub.state.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.state.service.OrderService;
import io.orderhub.state.service.OutboundService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Returns events: a refund before shipment closes (intercepts) the order; any return marks it AFTER_SALE while in progress. */
@ApplicationScoped
public class ReturnsConsumer {
    static final String CONSUMER = "order-state-service.returns";

    @Inject
    EventConsumer consumer;
    @Inject
    OrderService orders;
    @Inject
    ObjectMapper mapper;
    @Inject
    OutboundService outbound;

    @Incoming(Channels.RETURNS_IN)
    public Uni<Void> onReturn(Message<String> message) {
        return consumer.process(message, CONSUMER, event -> orders.returnEvent(event, event.data(mapper, ReturnChanged.class)))
                .invoke(ignored -> outbound.kick()); // after the commit: a refund closing a printed order → warehouse intercept
    }
}
