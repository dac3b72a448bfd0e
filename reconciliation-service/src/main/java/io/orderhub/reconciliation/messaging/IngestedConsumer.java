package io.orderhub.reconciliation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.reconciliation.service.HubOrderProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Ingested snapshots link each platform order to its global id and give the hub's view of its total and fees, so
 * that a platform order can be compared with the hub's and the ERP's.
 */
@ApplicationScoped
public class IngestedConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    HubOrderProjection projection;
    @Inject
    ObjectMapper mapper;

    @Incoming("orders-ingested-in")
    public Uni<Void> onIngested(Message<String> message) {
        return consumer.process(message, "reconciliation-service.ingested",
                event -> projection.apply(event.data(mapper, OrderIngested.class)));
    }
}
