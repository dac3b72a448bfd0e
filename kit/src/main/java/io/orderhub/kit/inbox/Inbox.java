package io.orderhub.kit.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The ids of processed events, per consumer. Call within the transaction of the side effect. */
@ApplicationScoped
public class Inbox {

    /** Records the event as processed by {@code consumer}; false if it already was (a redelivery). */
    public Uni<Boolean> firstDelivery(String eventId, String eventType, String consumer) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into inbox_event (event_id, consumer, event_type) values (:id, :consumer, :type) "
                                + "on conflict do nothing")
                .setParameter("id", eventId)
                .setParameter("consumer", consumer)
                .setParameter("type", eventType)
                .executeUpdate())
                .map(count -> count == 1);
    }
}
