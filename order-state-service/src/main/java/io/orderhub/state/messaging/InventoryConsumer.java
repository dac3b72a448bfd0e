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
        return consumer.process(message, CONSUMER, EventConsumer.types(EventTypes.STOCK_RESERVED, EventTypes.STOCK_REJECTED), event -> {
            StockChanged stock = event.data(mapper, StockChanged.class);
            if (stock.returnId() != null) {
                // an exchange's units (the new SKU of a return), not the order's own reservation: the
                // order's lifecycle does not move on it (a shipped order is not "stock locked" again)
                return Uni.createFrom().voidItem();
            }
            return EventTypes.STOCK_RESERVED.equals(event.type()) ? orders.stockReserved(event, stock)
                    : orders.stockRejected(event, stock);
        });
    }
}
