package io.orderhub.inventory.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.inventory.service.ReservationService;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.kit.inbox.EventRoutes;
import io.orderhub.kit.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Inventory's one consumer. Lifecycle: deposit paid (pending payment, DEPOSIT_FROZEN) → reserve weighted; paid →
 * reserve (or convert deposits); balance paid → convert; shipped → consume; closed → release; every other lifecycle
 * event needs nothing from stock and is skipped from its header. Returns: an approved exchange freezes the original
 * line and reserves the new SKU; its shipment consumes, its rejection or return releases.
 */
@ApplicationScoped
public class EventsConsumer {
    static final String LIFECYCLE = "inventory-service.lifecycle";
    static final String RETURNS = "inventory-service.returns";
    static final String EXCHANGE = "EXCHANGE";

    @Inject
    EventConsumer consumer;
    @Inject
    ReservationService reservations;
    @Inject
    ObjectMapper mapper;

    private EventRoutes routes;

    @PostConstruct
    void routes() {
        routes = EventRoutes.builder()
                .topic(Topics.ORDERS_LIFECYCLE, LIFECYCLE)
                .types(EventTypes.ORDER_PAID, EventTypes.ORDER_PENDING_PAYMENT, EventTypes.ORDER_BALANCE_PAID,
                        EventTypes.ORDER_SHIPPED, EventTypes.ORDER_CLOSED)
                // a pending payment matters only when a presale's deposit is paid (its units are held, weighted)
                .when(event -> !EventTypes.ORDER_PENDING_PAYMENT.equals(event.type())
                        || lifecycle(event).funding() == FundingStatus.DEPOSIT_FROZEN)
                .handle(this::onLifecycle)
                .topic(Topics.RETURNS, RETURNS)
                .types(EventTypes.RETURN_APPROVED, EventTypes.RETURN_EXCHANGE_SHIPPED,
                        EventTypes.RETURN_REJECTED_BACK_TO_CUSTOMER, EventTypes.RETURN_REJECTED)
                .when(event -> {
                    ReturnChanged change = event.data(mapper, ReturnChanged.class);
                    return EXCHANGE.equals(change.intent()) && change.newSku() != null && !change.newSku().isBlank();
                })
                .handle(this::onReturn)
                .build();
    }

    @Incoming("events-in")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.process(batch, routes);
    }

    private OrderLifecycleChanged lifecycle(IncomingEvent event) {
        return event.data(mapper, OrderLifecycleChanged.class);
    }

    private Uni<?> onLifecycle(IncomingEvent event) {
        OrderLifecycleChanged change = lifecycle(event);
        return switch (event.type()) {
            case EventTypes.ORDER_PAID, EventTypes.ORDER_PENDING_PAYMENT -> reservations.reserve(change);
            case EventTypes.ORDER_BALANCE_PAID -> reservations.balancePaid(change.globalOrderId());
            case EventTypes.ORDER_SHIPPED -> reservations.consume(change.globalOrderId());
            case EventTypes.ORDER_CLOSED -> reservations.release(change.globalOrderId(),
                    change.reason() == null ? "order closed" : change.reason());
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<?> onReturn(IncomingEvent event) {
        ReturnChanged change = event.data(mapper, ReturnChanged.class);
        return switch (event.type()) {
            case EventTypes.RETURN_APPROVED -> reservations.exchange(change);
            case EventTypes.RETURN_EXCHANGE_SHIPPED -> reservations.exchangeShipped(change);
            case EventTypes.RETURN_REJECTED_BACK_TO_CUSTOMER -> reservations.exchangeAbandoned(change, "ended: goods sent back");
            default -> reservations.exchangeAbandoned(change, "rejected");
        };
    }
}
