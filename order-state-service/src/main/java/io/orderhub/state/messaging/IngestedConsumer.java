package io.orderhub.state.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.state.service.ChannelLabel;
import io.orderhub.state.service.OrderService;
import io.orderhub.state.service.OutboundService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Normalized channel snapshots: a new order is created, a known one moves forward only. */
@ApplicationScoped
public class IngestedConsumer {
    static final String CONSUMER = "order-state-service.ingested";

    @Inject
    EventConsumer consumer;
    @Inject
    OrderService orders;
    @Inject
    ObjectMapper mapper;
    @Inject
    OutboundService outbound;

    @Incoming(Channels.ORDERS_INGESTED_IN)
    public Uni<Void> onIngested(Message<String> message) {
        return consumer.process(message, CONSUMER, event -> {
            if (!EventTypes.ORDER_INGESTED.equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            return orders.ingest(event, event.data(mapper, OrderIngested.class), event.data(mapper, ChannelLabel.class));
        }).invoke(ignored -> outbound.kick()); // after the commit: e.g. a channel closing a printed order → warehouse intercept
    }
}
