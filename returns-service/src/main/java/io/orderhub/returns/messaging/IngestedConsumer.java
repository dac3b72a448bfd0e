package io.orderhub.returns.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.returns.service.ReturnsService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A channel's after-sale (snapshot condition {@code AFTER_SALE}, normalised by ingest) opens a return request. */
@ApplicationScoped
public class IngestedConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    ReturnsService returns;
    @Inject
    ObjectMapper mapper;

    @Incoming("orders-ingested-in")
    public Uni<Void> onIngested(Message<String> message) {
        // only a channel's after-sale state concerns returns; every other ingested order is acknowledged without a transaction
        return consumer.process(message, "returns-service.ingested", event -> EventTypes.ORDER_INGESTED.equals(event.type())
                        && ReturnsService.isAfterSale(event.data(mapper, OrderIngested.class)),
                event -> returns.channelAfterSale(event.data(mapper, OrderIngested.class)));
    }
}
