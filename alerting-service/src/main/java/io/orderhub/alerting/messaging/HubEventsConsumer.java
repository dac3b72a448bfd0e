package io.orderhub.alerting.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.service.PromoService;
import io.orderhub.alerting.service.SlaClockService;
import io.orderhub.alerting.service.SourceAlerts;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.ReconciliationFinding;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.kit.inbox.EventRoutes;
import io.orderhub.kit.inbox.IncomingEvent;
import io.orderhub.contract.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * Alerting listens to every topic of the hub: lifecycle events drive the SLA clocks, new orders feed promo
 * detection, holds raise health alerts; inventory, returns and reconciliation events raise their alerts.
 * One Kafka consumer over the five topics, each event through the inbox (exactly once per event id) with its
 * topic's dead-letter topic; the types alerting does not act on are skipped from their header.
 */
@ApplicationScoped
public class HubEventsConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    SlaClockService clocks;
    @Inject
    PromoService promo;
    @Inject
    SourceAlerts sources;
    @Inject
    ObjectMapper mapper;

    private EventRoutes routes;

    @PostConstruct
    void routes() {
        routes = EventRoutes.builder()
                .topic(Topics.ORDERS_LIFECYCLE, "alerting-service.lifecycle")
                .handle(this::onLifecycle)
                .topic(Topics.ORDERS_INGESTED, "alerting-service.ingested")
                .handle(event -> clocks.onIngested(event.data(mapper, OrderIngested.class)))
                .topic(Topics.INVENTORY, "alerting-service.inventory")
                .types(EventTypes.STOCK_LOW)
                .handle(event -> sources.lowStock(event.data(mapper, StockChanged.LowStock.class)))
                .topic(Topics.RECONCILIATION, "alerting-service.reconciliation")
                .types(EventTypes.CREDIBILITY_MEASURED, EventTypes.DISCREPANCY_FOUND)
                .handle(event -> sources.reconciliation(event.data(mapper, ReconciliationFinding.class)))
                .topic(Topics.RETURNS, "alerting-service.returns")
                .types(EventTypes.RETURN_QC_OVERDUE, EventTypes.RETURN_QC_RESULT)
                .handle(event -> EventTypes.RETURN_QC_OVERDUE.equals(event.type())
                        ? sources.qcOverdue(event.data(mapper, ReturnChanged.class))
                        : sources.qcDone(event.data(mapper, ReturnChanged.class)))
                .build();
    }

    @Incoming("events-in")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.process(batch, routes);
    }

    private Uni<Void> onLifecycle(IncomingEvent event) {
        OrderLifecycleChanged change = event.data(mapper, OrderLifecycleChanged.class);
        boolean newOrder = change.from() == null && !change.refused() && change.to() != null;
        Uni<Void> clock;
        if (newOrder && change.globalOrderId() != null) {
            // promo mode counts the new order: its arrival is written by the clock's own statement
            clock = clocks.onLifecycle(change, arrival(event, change.occurredAt()));
        } else {
            clock = clocks.onLifecycle(change);
            if (newOrder) {
                clock = clock.chain(() -> promo.arrived(change.globalOrderId(), arrival(event, change.occurredAt())));
            }
        }
        return switch (event.type()) {
            case EventTypes.ORDER_HELD -> clock.chain(() -> sources.held(change));
            case EventTypes.ORDER_HOLD_RELEASED -> clock.chain(() -> sources.healthCleared(change, "hold released"));
            case EventTypes.ORDER_SHIPPED, EventTypes.ORDER_DELIVERED, EventTypes.ORDER_CLOSED ->
                    clock.chain(() -> sources.healthCleared(change, "order " + change.to().name().toLowerCase()));
            default -> clock;
        };
    }

    private static Instant arrival(IncomingEvent event, Instant occurredAt) {
        return event.time() != null ? event.time() : occurredAt != null ? occurredAt : Times.now();
    }
}
