package io.orderhub.reconciliation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.kit.inbox.EventRoutes;
import io.orderhub.reconciliation.service.HubOrderProjection;
import io.orderhub.reconciliation.service.RunCoordinator;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reconciliation's one consumer: ingested snapshots and lifecycle events keep the hub's side of the three-source
 * comparison (the projection); a lifecycle event asks for a run soon (at most one a minute).
 */
@ApplicationScoped
public class EventsConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    HubOrderProjection projection;
    @Inject
    RunCoordinator runs;
    @Inject
    ObjectMapper mapper;

    private EventRoutes routes;

    @PostConstruct
    void routes() {
        routes = EventRoutes.builder()
                .topic(Topics.ORDERS_INGESTED, "reconciliation-service.ingested")
                .handle(event -> projection.apply(event.data(mapper, OrderIngested.class)))
                .topic(Topics.ORDERS_LIFECYCLE, "reconciliation-service.lifecycle")
                .afterCommit(() -> runs.requestSoon(RunCoordinator.EVENT))
                .handle(event -> projection.apply(event.type(), event.data(mapper, OrderLifecycleChanged.class)))
                .build();
    }

    @Incoming("events-in")
    public Uni<Void> onEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.process(batch, routes);
    }
}
