package io.orderhub.inventory.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.inventory.service.ReservationService;
import io.orderhub.kit.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Exchanges: an approved one freezes the original line and reserves the new SKU in one transaction; its shipment
 * consumes that reservation; goods sent back to the customer (QC failed) or a rejection give the units back.
 */
@ApplicationScoped
public class ReturnsConsumer {
    static final String EXCHANGE = "EXCHANGE";

    @Inject
    EventConsumer consumer;
    @Inject
    ReservationService reservations;
    @Inject
    ObjectMapper mapper;

    @Incoming("returns-in")
    public Uni<Void> onReturn(Message<String> message) {
        return consumer.process(message, "inventory-service.returns", event -> {
            String type = event.type();
            if (!EventTypes.RETURN_APPROVED.equals(type) && !EventTypes.RETURN_EXCHANGE_SHIPPED.equals(type)
                    && !EventTypes.RETURN_REJECTED_BACK_TO_CUSTOMER.equals(type) && !EventTypes.RETURN_REJECTED.equals(type)) {
                return Uni.createFrom().voidItem();
            }
            ReturnChanged change = event.data(mapper, ReturnChanged.class);
            if (!EXCHANGE.equals(change.intent()) || change.newSku() == null || change.newSku().isBlank()) {
                return Uni.createFrom().voidItem();
            }
            return switch (type) {
                case EventTypes.RETURN_APPROVED -> reservations.exchange(change);
                case EventTypes.RETURN_EXCHANGE_SHIPPED -> reservations.exchangeShipped(change);
                case EventTypes.RETURN_REJECTED_BACK_TO_CUSTOMER -> reservations.exchangeAbandoned(change, "ended: goods sent back");
                default -> reservations.exchangeAbandoned(change, "rejected");
            };
        });
    }
}
