package io.orderhub.alerting.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.alerting.service.SlaClockService;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Alerting listens to every topic of the hub; lifecycle events drive the SLA clocks. */
@ApplicationScoped
public class HubEventsConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    SlaClockService clocks;
    @Inject
    ObjectMapper mapper;

    @Incoming("orders-lifecycle-in")
    public Uni<Void> onLifecycle(Message<String> message) {
        return consumer.process(message, "alerting-service.lifecycle",
                event -> clocks.onLifecycle(event.data(mapper, OrderLifecycleChanged.class)));
    }

    @Incoming("orders-ingested-in")
    public Uni<Void> onIngested(Message<String> message) {
        return consumer.process(message, "alerting-service.ingested", event -> Uni.createFrom().voidItem());
    }

    @Incoming("inventory-in")
    public Uni<Void> onInventory(Message<String> message) {
        return consumer.process(message, "alerting-service.inventory", event -> Uni.createFrom().voidItem());
    }

    @Incoming("reconciliation-in")
    public Uni<Void> onReconciliation(Message<String> message) {
        return consumer.process(message, "alerting-service.reconciliation", event -> Uni.createFrom().voidItem());
    }

    @Incoming("returns-in")
    public Uni<Void> onReturns(Message<String> message) {
        return consumer.process(message, "alerting-service.returns", event -> Uni.createFrom().voidItem());
    }
}
