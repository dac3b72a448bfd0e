package io.orderhub.kit.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a consumer's side effect exactly once per event id: the inbox row and the side effect commit
 * in one transaction, the message is acknowledged (its offset committed) only after that commit, a
 * redelivered event changes nothing, and an event that keeps failing is nacked, which the channel's
 * {@code failure-strategy=dead-letter-queue} sends to {@code <topic>.dlq} with the error.
 *
 * <pre>
 * &#64;Incoming("order-ingested")
 * public Uni&lt;Void&gt; onIngested(Message&lt;String&gt; message) {
 *     return consumer.process(message, "order-state", event -&gt; orders.apply(event.data(mapper, OrderIngested.class)));
 * }
 * </pre>
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    Inbox inbox;
    @Inject
    Outbox outbox;
    @Inject
    MeterRegistry registry;

    private final AtomicBoolean stopping = new AtomicBoolean();

    @ConfigProperty(name = "orderhub.consumer.retries", defaultValue = "3")
    int retries;
    @ConfigProperty(name = "orderhub.consumer.retry-backoff", defaultValue = "PT0.1S")
    Duration backoff;

    public Uni<Void> process(Message<?> message, String consumer, Function<IncomingEvent, Uni<?>> sideEffect) {
        return process(message, consumer, event -> true, sideEffect);
    }

    /**
     * As {@link #process(Message, String, Function)} for a consumer that acts on only some of a topic's events: an
     * event {@code relevant} refuses is acknowledged at once, with no transaction and no inbox row (nothing happens,
     * so there is nothing to deduplicate). Most events of a shared topic are of no interest to most of its consumers;
     * each of them used to cost a transaction. A predicate that throws counts as relevant: the side effect then
     * meets the bad event and the usual retries and dead-letter topic apply.
     */
    public Uni<Void> process(Message<?> message, String consumer, Predicate<IncomingEvent> relevant,
            Function<IncomingEvent, Uni<?>> sideEffect) {
        IncomingEvent event;
        try {
            event = IncomingEvent.from(message);
        } catch (RuntimeException e) {
            return deadLetter(message, consumer, null, e);
        }
        if (!isRelevant(relevant, event)) {
            registry.counter("orderhub.inbox.skipped", "consumer", consumer).increment();
            return Uni.createFrom().completionStage(message.ack());
        }
        // the outbox's transaction: an event the side effect writes is relayed right after the commit, without a pg_notify
        return outbox.withTransaction(() -> inbox.firstDelivery(event.id(), event.type(), consumer)
                        .chain(first -> {
                            if (!first) {
                                registry.counter("orderhub.inbox.duplicates", "consumer", consumer).increment();
                                return Uni.createFrom().voidItem();
                            }
                            return sideEffect.apply(event).replaceWithVoid();
                        }))
                .onFailure(e -> !(e instanceof PoisonEventException)).retry().withBackOff(backoff).atMost(retries)
                .onItemOrFailure().transformToUni((ok, error) -> {
                    if (error == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    if (stopping.get() || String.valueOf(error.getMessage()).contains("Pool closed")) {
                        // the service is shutting down (a rolling restart, SIGTERM): the event is not bad, so it is
                        // neither dead-lettered nor acknowledged; its offset stays uncommitted and it is redelivered
                        LOG.warnf("%s: event %s (%s) not processed while shutting down (%s); it is redelivered after the restart",
                                consumer, event.id(), event.type(), error.getMessage());
                        return Uni.createFrom().voidItem();
                    }
                    return deadLetter(message, consumer, event, error);
                });
    }

    /** A predicate for {@link #process(Message, String, Predicate, Function)}: events of these CloudEvents types. */
    public static Predicate<IncomingEvent> types(String... types) {
        Set<String> wanted = Set.of(types);
        return event -> wanted.contains(event.type());
    }

    private static boolean isRelevant(Predicate<IncomingEvent> relevant, IncomingEvent event) {
        try {
            return relevant.test(event);
        } catch (RuntimeException e) {
            return true;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping.set(true);
    }

    private Uni<Void> deadLetter(Message<?> message, String consumer, IncomingEvent event, Throwable error) {
        registry.counter("orderhub.consumer.dead-lettered", "consumer", consumer).increment();
        LOG.errorf("%s could not process event %s (%s): %s; it goes to the dead-letter topic", consumer,
                event == null ? "?" : event.id(), event == null ? "?" : event.type(), error.getMessage());
        return Uni.createFrom().completionStage(message.nack(error));
    }
}
