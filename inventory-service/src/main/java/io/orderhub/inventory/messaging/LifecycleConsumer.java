package io.orderhub.inventory.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.inventory.service.ReservationService;
import io.orderhub.kit.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Deposit paid (pending payment, DEPOSIT_FROZEN) → reserve weighted; paid → reserve (or convert deposits); balance paid → convert; shipped → consume; closed → release. Other lifecycle events need nothing from stock. */
@ApplicationScoped
public class LifecycleConsumer {
    static final String CONSUMER = "inventory-service.lifecycle";

    @Inject
    EventConsumer consumer;
    @Inject
    ReservationService reservations;
    @Inject
    ObjectMapper mapper;

    @Incoming("orders-lifecycle-in")
    public Uni<Void> onLifecycle(Message<String> message) {
        // the rest (stock locked, label printed, held, ...) is acknowledged without a transaction
        return consumer.process(message, CONSUMER, EventConsumer.types(EventTypes.ORDER_PAID, EventTypes.ORDER_PENDING_PAYMENT,
                EventTypes.ORDER_BALANCE_PAID, EventTypes.ORDER_SHIPPED, EventTypes.ORDER_CLOSED), event -> {
            switch (event.type()) {
                case EventTypes.ORDER_PAID:
                    return reservations.reserve(event.data(mapper, OrderLifecycleChanged.class));
                case EventTypes.ORDER_PENDING_PAYMENT:
                    // a presale whose deposit is paid waits for its balance, but its units are held (weighted) now
                    OrderLifecycleChanged pending = event.data(mapper, OrderLifecycleChanged.class);
                    return pending.funding() == FundingStatus.DEPOSIT_FROZEN
                            ? reservations.reserve(pending) : Uni.createFrom().voidItem();
                case EventTypes.ORDER_BALANCE_PAID:
                    return reservations.balancePaid(event.data(mapper, OrderLifecycleChanged.class).globalOrderId());
                case EventTypes.ORDER_SHIPPED:
                    return reservations.consume(event.data(mapper, OrderLifecycleChanged.class).globalOrderId());
                case EventTypes.ORDER_CLOSED:
                    OrderLifecycleChanged closed = event.data(mapper, OrderLifecycleChanged.class);
                    return reservations.release(closed.globalOrderId(),
                            closed.reason() == null ? "order closed" : closed.reason());
                default:
                    return Uni.createFrom().voidItem();
            }
        });
    }
}
