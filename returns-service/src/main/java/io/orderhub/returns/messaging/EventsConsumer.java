package io.orderhub.returns.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.kit.inbox.EventRoutes;
import io.orderhub.returns.service.KnownOrders;
import io.orderhub.returns.service.ReturnsService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Returns' one consumer: lifecycle events keep its view of known orders (window, state, lines); a channel's
 * after-sale state opens or updates a return; an exchange's stock (reserved or rejected, naming its return) moves
 * the exchange on. Every order's own reservation and every ingested order without an after-sale state is skipped
 * without a transaction.
 */
@ApplicationScoped
public class EventsConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    KnownOrders orders;
    @Inject
    ReturnsService returns;
    @Inject
    ObjectMapper mapper;

    private EventRoutes routes;

    @PostConstruct
    void routes() {
        routes = EventRoutes.builder()
                .topic(Topics.ORDERS_LIFECYCLE, "returns-service.lifecycle")
                .handle(event -> orders.apply(event.data(mapper, OrderLifecycleChanged.class))
                        .chain(order -> order == null ? Uni.createFrom().voidItem() : returns.onOrderChanged(order)))
                .topic(Topics.ORDERS_INGESTED, "returns-service.ingested")
                .types(EventTypes.ORDER_INGESTED)
                .when(event -> ReturnsService.isAfterSale(event.data(mapper, OrderIngested.class)))
                .handle(event -> returns.channelAfterSale(event.data(mapper, OrderIngested.class)))
                .topic(Topics.INVENTORY, "returns-service.inventory")
                .types(EventTypes.STOCK_RESERVED, EventTypes.STOCK_REJECTED)
                .when(event -> ReturnsService.concernsExchange(event.data(mapper, StockChanged.class)))
                .handle(event -> returns.onExchangeStock(event.data(mapper, StockChanged.class),
                        EventTypes.STOCK_RESERVED.equals(event.type())))
                .build();
    }

    @Incoming("events-in")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.process(batch, routes);
    }
}
