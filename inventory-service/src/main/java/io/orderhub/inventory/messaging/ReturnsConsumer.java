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

/** An approved exchange freezes the original line and reserves the new SKU in one transaction. */
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
            if (!EventTypes.RETURN_APPROVED.equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            ReturnChanged change = event.data(mapper, ReturnChanged.class);
            if (!EXCHANGE.equals(change.intent()) || change.newSku() == null || change.newSku().isBlank()) {
                return Uni.createFrom().voidItem();
            }
            return reservations.exchange(change);
        });
    }
}
