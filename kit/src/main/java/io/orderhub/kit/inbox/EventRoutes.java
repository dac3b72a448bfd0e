package io.orderhub.kit.inbox;

import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one service's consumer does with each topic it reads: the inbox consumer name, the CloudEvents types it acts
 * on (read from the {@code ce_type} header before any body is decoded), an optional finer relevance check on the
 * decoded event, the side effect, and an optional action after a commit that processed events of the topic.
 *
 * <pre>
 * EventRoutes routes = EventRoutes.builder()
 *         .topic(Topics.ORDERS_LIFECYCLE, "inventory-service.lifecycle")
 *             .types(EventTypes.ORDER_PAID, EventTypes.ORDER_CLOSED)
 *             .handle(event -&gt; ...)
 *         .build();
 * </pre>
 */
public final class EventRoutes {
    private final Map<String, Route> byTopic;

    private EventRoutes(Map<String, Route> byTopic) {
        this.byTopic = Map.copyOf(byTopic);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The route of a topic, or null if the service does not read it. */
    public Route route(String topic) {
        return byTopic.get(topic);
    }

    public Set<String> topics() {
        return byTopic.keySet();
    }

    /** One topic's handling. {@code types} null = every type. */
    public record Route(String topic, String consumer, Set<String> types, Predicate<IncomingEvent> relevant,
            Function<IncomingEvent, Uni<?>> sideEffect, Runnable afterCommit) {

        /** Whether events of this type are acted on (decided from the header alone). */
        public boolean accepts(String type) {
            return types == null || types.contains(type);
        }
    }

    public static final class Builder {
        private final Map<String, Route> routes = new HashMap<>();
        private String topic;
        private String consumer;
        private Set<String> types;
        private Predicate<IncomingEvent> relevant;
        private Runnable afterCommit;

        /** Starts the route of {@code topic}; {@code consumer} names its inbox rows (and its meters). */
        public Builder topic(String topic, String consumer) {
            if (this.topic != null) {
                throw new IllegalStateException("route of " + this.topic + " has no handle(...)");
            }
            this.topic = topic;
            this.consumer = consumer;
            this.types = null;
            this.relevant = null;
            this.afterCommit = null;
            return this;
        }

        /** Only these types are acted on; the others are acknowledged with no parse and no transaction. */
        public Builder types(String... types) {
            this.types = Set.of(types);
            return this;
        }

        /**
         * A finer check on the decoded event (e.g. a payload field): an event it refuses is acknowledged without a
         * transaction and without an inbox row. A check that throws counts as relevant (the side effect then meets
         * the bad event, and the retries and dead-letter topic apply).
         */
        public Builder when(Predicate<IncomingEvent> relevant) {
            this.relevant = relevant;
            return this;
        }

        /** Runs after a commit that processed at least one event of this topic (outside the transaction). */
        public Builder afterCommit(Runnable afterCommit) {
            this.afterCommit = afterCommit;
            return this;
        }

        public Builder handle(Function<IncomingEvent, Uni<?>> sideEffect) {
            if (topic == null) {
                throw new IllegalStateException("handle(...) without topic(...)");
            }
            routes.put(topic, new Route(topic, consumer, types, relevant == null ? e -> true : relevant, sideEffect,
                    afterCommit));
            topic = null;
            return this;
        }

        public EventRoutes build() {
            if (topic != null) {
                throw new IllegalStateException("route of " + topic + " has no handle(...)");
            }
            return new EventRoutes(routes);
        }
    }
}
