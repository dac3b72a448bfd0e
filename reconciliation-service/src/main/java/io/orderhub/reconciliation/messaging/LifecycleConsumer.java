package io.orderhub.reconciliation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.kit.inbox.EventConsumer;
import io.orderhub.reconciliation.service.HubOrderProjection;
import io.orderhub.reconciliation.service.RunCoordinator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Lifecycle events keep the hub's side of each order and start a (debounced) run: "pull on lifecycle events". */
@ApplicationScoped
public class LifecycleConsumer {
    @Inject
    EventConsumer consumer;
    @Inject
    HubOrderProjection projection;
    @Inject
    RunCoordinator runs;
    @Inject
    ObjectMapper mapper;

    @Incoming("orders-lifecycle-in")
    public Uni<Void> onLifecycle(Message<String> message) {
        return consumer.process(message, "reconciliation-service.lifecycle",
                event -> projection.apply(event.type(), event.data(mapper, OrderLifecycleChanged.class))
                        .invoke(() -> runs.requestSoon(RunCoordinator.EVENT)));
    }
}
