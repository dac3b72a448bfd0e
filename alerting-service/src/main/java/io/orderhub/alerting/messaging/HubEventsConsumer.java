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
import io.orderhub.kit.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/**
 * Alerting listens to every topic of the hub: lifecycle events drive the SLA clocks, new orders feed promo
 * detection, holds raise health alerts; inventory, returns and reconciliation events raise their alerts.
 * Each through the inbox (exactly once per event id) with its dead-letter topic.
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

    @Incoming("orders-lifecycle-in")
    public Uni<Void> onLifecycle(Message<String> message) {
        return consumer.process(message, "alerting-service.lifecycle", event -> {
            OrderLifecycleChanged change = event.data(mapper, OrderLifecycleChanged.class);
            Uni<Void> clock = clocks.onLifecycle(change);
            if (change.from() == null && !change.refused() && change.to() != null) {
                clock = clock.chain(() -> promo.arrived(change.globalOrderId(), arrival(event, change.occurredAt())));
            }
            return switch (event.type()) {
                case EventTypes.ORDER_HELD -> clock.chain(() -> sources.held(change));
                case EventTypes.ORDER_HOLD_RELEASED -> clock.chain(() -> sources.healthCleared(change, "hold released"));
                case EventTypes.ORDER_SHIPPED, EventTypes.ORDER_DELIVERED, EventTypes.ORDER_CLOSED ->
                        clock.chain(() -> sources.healthCleared(change, "order " + change.to().name().toLowerCase()));
                default -> clock;
            };
        });
    }

    private static Instant arrival(IncomingEvent event, Instant occurredAt) {
        return event.time() != null ? event.time() : occurredAt != null ? occurredAt : Times.now();
    }

    @Incoming("orders-ingested-in")
    public Uni<Void> onIngested(Message<String> message) {
        return consumer.process(message, "alerting-service.ingested",
                event -> clocks.onIngested(event.data(mapper, OrderIngested.class)));
    }

    @Incoming("inventory-in")
    public Uni<Void> onInventory(Message<String> message) {
        return consumer.process(message, "alerting-service.inventory", EventConsumer.types(EventTypes.STOCK_LOW),
                event -> sources.lowStock(event.data(mapper, StockChanged.LowStock.class)));
    }

    @Incoming("reconciliation-in")
    public Uni<Void> onReconciliation(Message<String> message) {
        return consumer.process(message, "alerting-service.reconciliation",
                EventConsumer.types(EventTypes.CREDIBILITY_MEASURED, EventTypes.DISCREPANCY_FOUND),
                event -> sources.reconciliation(event.data(mapper, ReconciliationFinding.class)));
    }

    @Incoming("returns-in")
    public Uni<Void> onReturns(Message<String> message) {
        return consumer.process(message, "alerting-service.returns",
                EventConsumer.types(EventTypes.RETURN_QC_OVERDUE, EventTypes.RETURN_QC_RESULT), event -> switch (event.type()) {
            case EventTypes.RETURN_QC_OVERDUE -> sources.qcOverdue(event.data(mapper, ReturnChanged.class));
            case EventTypes.RETURN_QC_RESULT -> sources.qcDone(event.data(mapper, ReturnChanged.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
