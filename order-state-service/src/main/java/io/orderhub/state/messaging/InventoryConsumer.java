package io.orderhub.state.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.state.service.OrderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Reserved → STOCK_LOCKED; rejected → held STOCK_SHORTFALL; released, consumed and low-stock need nothing here. */
@ApplicationScoped
public class InventoryConsumer {
    static final String CONSUMER = "order-state-service.inventory";

    @Inject
    EventConsumer consumer;
    @Inject
    OrderService orders;
    @Inject
    ObjectMapper mapper;

    @Incoming(Channels.INVENTORY_IN)
    public Uni<Void> onInventory(Message<String> message) {
        return consumer.process(message, CONSUMER, event -> switch (event.type()) {
            case EventTypes.STOCK_RESERVED -> orders.stockReserved(event, event.data(mapper, StockChanged.class));
            case EventTypes.STOCK_REJECTED -> orders.stockRejected(event, event.data(mapper, StockChanged.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
