package io.orderhub.kit.inbox;

import io.orderhub.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Records a poll's events in one statement ({@code consumers.get(i)} is the consumer of {@code events.get(i)});
     * returns the ids seen for the first time. An id twice in one poll is inserted (and returned) once.
     */
    public Uni<Set<String>> firstDeliveries(List<IncomingEvent> events, List<String> consumers) {
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).id();
            types[i] = events.get(i).type();
        }
        // one statement text whatever the batch's size, so it is prepared once per connection; on the session's
        // connection without a native query (see Sql: a native select misses Hibernate's plan cache on every call)
        return Sql.rows("insert into inbox_event (event_id, consumer, event_type) "
                        + "select * from unnest(cast($1 as varchar[]), cast($2 as varchar[]), cast($3 as varchar[])) "
                        + "on conflict do nothing returning event_id", ids, consumers.toArray(String[]::new), types)
                .map(rows -> {
                    Set<String> first = new HashSet<>();
                    rows.forEach(r -> first.add((String) r[0]));
                    return first;
                });
    }
}
