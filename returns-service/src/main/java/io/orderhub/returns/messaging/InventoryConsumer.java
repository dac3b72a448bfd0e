package io.orderhub.returns.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.returns.service.ReturnsService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Inventory's answer to an approved exchange: the new SKU reserved (it can ship after QC) or not (a person decides). */
@ApplicationScoped
public class InventoryConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    ReturnsService returns;
    @Inject
    ObjectMapper mapper;

    @Incoming("inventory-in")
    public Uni<Void> onInventory(Message<String> message) {
        // every order's own reservation passes here too: only an exchange's (it names its return) opens a transaction
        return consumer.process(message, "returns-service.inventory",
                event -> (EventTypes.STOCK_RESERVED.equals(event.type()) || EventTypes.STOCK_REJECTED.equals(event.type()))
                        && ReturnsService.concernsExchange(event.data(mapper, StockChanged.class)),
                event -> switch (event.type()) {
            case EventTypes.STOCK_RESERVED -> returns.onExchangeStock(event.data(mapper, StockChanged.class), true);
            case EventTypes.STOCK_REJECTED -> returns.onExchangeStock(event.data(mapper, StockChanged.class), false);
            default -> Uni.createFrom().voidItem();
        });
    }
}
