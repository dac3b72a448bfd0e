package io.orderhub.state.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.kit.inbox.EventRoutes;
import io.orderhub.state.service.ChannelLabel;
import io.orderhub.state.service.OrderService;
import io.orderhub.state.service.OutboundService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Order-state's one consumer: ingested snapshots create or update orders; inventory's reserved/rejected move an
 * order to STOCK_LOCKED or hold it (an exchange's units, which name their return, do not move the order); returns
 * events mark the after-sale condition or intercept. Other inventory events are skipped from their header.
 */
@ApplicationScoped
public class EventsConsumer {
    static final String INGESTED = "order-state-service.ingested";
    static final String INVENTORY = "order-state-service.inventory";
    static final String RETURNS = "order-state-service.returns";

    @Inject
    EventConsumer consumer;
    @Inject
    OrderService orders;
    @Inject
    ObjectMapper mapper;
    @Inject
    OutboundService outbound;

    private EventRoutes routes;

    @PostConstruct
    void routes() {
        routes = EventRoutes.builder()
                .topic(Topics.ORDERS_INGESTED, INGESTED)
                .types(EventTypes.ORDER_INGESTED)
                // after the commit: e.g. a channel closing a printed order → warehouse intercept
                .afterCommit(outbound::kickIfCallsWritten)
                .handle(event -> orders.ingest(event, event.data(mapper, OrderIngested.class),
                        event.data(mapper, ChannelLabel.class)))
                .topic(Topics.INVENTORY, INVENTORY)
                .types(EventTypes.STOCK_RESERVED, EventTypes.STOCK_REJECTED)
                // an exchange's units (the new SKU of a return), not the order's own reservation: the order's
                // lifecycle does not move on it (a shipped order is not "stock locked" again)
                .when(event -> event.data(mapper, StockChanged.class).returnId() == null)
                .handle(event -> {
                    StockChanged stock = event.data(mapper, StockChanged.class);
                    return EventTypes.STOCK_RESERVED.equals(event.type()) ? orders.stockReserved(event, stock)
                            : orders.stockRejected(event, stock);
                })
                .topic(Topics.RETURNS, RETURNS)
                // after the commit: a refund closing a printed order → warehouse intercept
                .afterCommit(outbound::kickIfCallsWritten)
                .handle(event -> orders.returnEvent(event, event.data(mapper, ReturnChanged.class)))
                .build();
    }

    @Incoming("events-in")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.process(batch, routes);
    }
}
