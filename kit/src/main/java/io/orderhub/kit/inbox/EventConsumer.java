package io.orderhub.kit.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a consumer's side effect exactly once per event id: the inbox row and the side effect commit in one
 * transaction, the message is acknowledged (its offset committed) only after that commit, a redelivered event
 * changes nothing, and an event that keeps failing goes to {@code <its topic>.dlq} with the error.
 *
 * <p>A service reads all its topics through one Kafka consumer in batch mode ({@link #process(KafkaRecordBatch,
 * EventRoutes)}): what one poll returned is one unit. Records whose {@code ce_type} header the service does not act
 * on are skipped before their body is decoded; the relevant ones have their inbox rows inserted in one statement and
 * their side effects applied in one transaction (one commit); if that transaction fails, each event is processed
 * again on its own ({@link #process(Message, String, Function)}), with the retries, idempotence and dead-letter
 * topic of a single event. A poll takes what is there and does not wait for more: a lone event is a batch of one.
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

    /** What became of one event. */
    enum Outcome {
        /** processed (or a duplicate, or irrelevant): its offset may be committed */
        DONE,
        /** sent to the dead-letter topic (its offset may be committed too) */
        DEAD_LETTERED,
        /** the service is stopping: neither processed nor dead-lettered, its offset must stay uncommitted */
        LEFT_FOR_REDELIVERY
    }

    /** A relevant event of a batch, with the record it came from and its route. */
    private record Pending(KafkaRecord<?, ?> record, EventRoutes.Route route, IncomingEvent event) {
    }

    // ---------------------------------------------------------------- one poll, one unit

    /**
     * Processes what one poll of the service's consumer returned; acknowledges the batch (commits its offsets) once
     * every record is processed, skipped or dead-lettered.
     */
    public Uni<Void> process(KafkaRecordBatch<?, ?> batch, EventRoutes routes) {
        // the poll's own (duplicated, safe) Vert.x context: every transaction of this batch, the fallback's too, runs on it
        Context context = Vertx.currentContext();
        List<Pending> relevant = new ArrayList<>();
        List<Uni<Outcome>> poison = new ArrayList<>();
        for (KafkaRecord<?, ?> record : batch.getRecords()) {
            EventRoutes.Route route = routes.route(record.getTopic());
            String type = IncomingEvent.typeOf(record.getHeaders());
            if (route == null || (type != null && !route.accepts(type))) {
                // not acted on: no body decoded, no transaction, no inbox row
                registry.counter("orderhub.inbox.skipped", "consumer", route == null ? record.getTopic() : route.consumer())
                        .increment();
                continue;
            }
            IncomingEvent event;
            try {
                event = IncomingEvent.from(record);
            } catch (RuntimeException e) {
                poison.add(deadLetter(record, route.consumer(), null, e));
                continue;
            }
            if (!isRelevant(route.relevant(), event)) {
                registry.counter("orderhub.inbox.skipped", "consumer", route.consumer()).increment();
                continue;
            }
            relevant.add(new Pending(record, route, event));
        }
        Uni<Outcome> work = poison.isEmpty() ? Uni.createFrom().item(Outcome.DONE)
                : Uni.join().all(poison).andFailFast().replaceWith(Outcome.DONE);
        if (relevant.size() == 1) {
            Pending p = relevant.get(0);
            work = work.chain(() -> onContext(context, () -> one(p.record(), p.route().consumer(), p.event(), p.route().sideEffect())))
                    .invoke(outcome -> afterCommit(relevant, outcome));
        } else if (!relevant.isEmpty()) {
            work = work.chain(() -> onContext(context, () -> together(relevant, context)));
        }
        return work.chain(outcome -> outcome == Outcome.LEFT_FOR_REDELIVERY ? Uni.createFrom().voidItem()
                : Uni.createFrom().completionStage(batch.ack()));
    }

    /** Every relevant event of a poll in one transaction; on failure each on its own, in order. */
    private Uni<Outcome> together(List<Pending> relevant, Context context) {
        List<IncomingEvent> events = relevant.stream().map(Pending::event).toList();
        List<String> consumers = relevant.stream().map(p -> p.route().consumer()).toList();
        return outbox.withTransaction(() -> inbox.firstDeliveries(events, consumers).chain(first -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    Set<String> done = new HashSet<>();
                    for (Pending p : relevant) {
                        String id = p.event().id();
                        if (!first.contains(id) || !done.add(id)) {
                            registry.counter("orderhub.inbox.duplicates", "consumer", p.route().consumer()).increment();
                            continue;
                        }
                        // each event sees the previous ones' writes; the session does not grow with the batch
                        chain = chain.chain(() -> p.route().sideEffect().apply(p.event()))
                                .chain(() -> Panache.getSession()).chain(s -> s.flush().invoke(s::clear));
                    }
                    return chain;
                }))
                .map(ok -> {
                    registry.counter("orderhub.consumer.batch.events").increment(relevant.size());
                    afterCommit(relevant, Outcome.DONE);
                    return Outcome.DONE;
                })
                .onFailure().recoverWithUni(error -> {
                    registry.counter("orderhub.consumer.batch.fallbacks").increment();
                    LOG.debugf("a batch of %d events failed (%s); each is processed on its own", relevant.size(),
                            error.getMessage());
                    return oneByOne(relevant, 0, context);
                });
    }

    private Uni<Outcome> oneByOne(List<Pending> relevant, int from, Context context) {
        if (from >= relevant.size()) {
            return Uni.createFrom().item(Outcome.DONE);
        }
        Pending p = relevant.get(from);
        // a failure (or a dead-letter send) completes on another thread: each event's transaction starts on the poll's
        // own context, as Hibernate Reactive requires
        return onContext(context, () -> one(p.record(), p.route().consumer(), p.event(), p.route().sideEffect())).chain(outcome -> {
            afterCommit(List.of(p), outcome);
            // stopping: the rest of the poll is left uncommitted too and redelivered after the restart
            return outcome == Outcome.LEFT_FOR_REDELIVERY ? Uni.createFrom().item(outcome) : oneByOne(relevant, from + 1, context);
        });
    }

    /**
     * Starts {@code work} on the poll's own Vert.x context (Hibernate Reactive needs that safe, duplicated context):
     * a failure or a dead-letter send completes on another thread, and what follows it must not start there. On the
     * context already, it starts at once.
     */
    private static <T> Uni<T> onContext(Context context, java.util.function.Supplier<Uni<? extends T>> work) {
        Uni<T> deferred = Uni.createFrom().deferred(work);
        if (context == null || Vertx.currentContext() == context) {
            return deferred;
        }
        return deferred.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static void afterCommit(List<Pending> processed, Outcome outcome) {
        if (outcome != Outcome.DONE) {
            return;
        }
        Set<Runnable> actions = new LinkedHashSet<>();
        for (Pending p : processed) {
            if (p.route().afterCommit() != null) {
                actions.add(p.route().afterCommit());
            }
        }
        actions.forEach(Runnable::run);
    }

    // ---------------------------------------------------------------- one event

    public Uni<Void> process(Message<?> message, String consumer, Function<IncomingEvent, Uni<?>> sideEffect) {
        return process(message, consumer, event -> true, sideEffect);
    }

    /**
     * One message on its own: an event {@code relevant} refuses is acknowledged at once, with no transaction and no
     * inbox row (nothing happens, so there is nothing to deduplicate). A predicate that throws counts as relevant.
     */
    public Uni<Void> process(Message<?> message, String consumer, Predicate<IncomingEvent> relevant,
            Function<IncomingEvent, Uni<?>> sideEffect) {
        IncomingEvent event;
        try {
            event = IncomingEvent.from(message);
        } catch (RuntimeException e) {
            return deadLetter(message, consumer, null, e).replaceWithVoid();
        }
        if (!isRelevant(relevant, event)) {
            registry.counter("orderhub.inbox.skipped", "consumer", consumer).increment();
            return Uni.createFrom().completionStage(message.ack());
        }
        return one(message, consumer, event, sideEffect).chain(outcome -> outcome == Outcome.DONE
                ? Uni.createFrom().completionStage(message.ack()) : Uni.createFrom().voidItem());
    }

    /** The inbox row and the side effect in one transaction, retried; dead-lettered when it keeps failing. Does not ack. */
    private Uni<Outcome> one(Message<?> message, String consumer, IncomingEvent event,
            Function<IncomingEvent, Uni<?>> sideEffect) {
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
                        return Uni.createFrom().item(Outcome.DONE);
                    }
                    if (stopping.get() || String.valueOf(error.getMessage()).contains("Pool closed")) {
                        // the service is shutting down (a rolling restart, SIGTERM): the event is not bad, so it is
                        // neither dead-lettered nor acknowledged; its offset stays uncommitted and it is redelivered
                        LOG.warnf("%s: event %s (%s) not processed while shutting down (%s); it is redelivered after the restart",
                                consumer, event.id(), event.type(), error.getMessage());
                        return Uni.createFrom().item(Outcome.LEFT_FOR_REDELIVERY);
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

    /** Nacks the message to {@code <its topic>.dlq} (the channel's dead-letter-queue failure strategy sends it). */
    private Uni<Outcome> deadLetter(Message<?> message, String consumer, IncomingEvent event, Throwable error) {
        registry.counter("orderhub.consumer.dead-lettered", "consumer", consumer).increment();
        LOG.errorf("%s could not process event %s (%s): %s; it goes to the dead-letter topic", consumer,
                event == null ? "?" : event.id(), event == null ? "?" : event.type(), error.getMessage());
        Metadata metadata = message instanceof KafkaRecord<?, ?> record
                ? Metadata.of(OutgoingKafkaRecordMetadata.builder().withTopic(record.getTopic() + ".dlq").build())
                : Metadata.empty();
        return Uni.createFrom().completionStage(message.nack(error, metadata)).replaceWith(Outcome.DEAD_LETTERED);
    }
}
