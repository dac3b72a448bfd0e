package io.orderhub.kit.sql;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements of the hot path on the current session's connection, inside its transaction, straight to the reactive
 * PostgreSQL client: no query plan, no result mapping, the prepared statement cached by the connection.
 * <p>
 * Why not a native query: Hibernate 7.2 keys a native select's plan by its dynamic result mapping, which equals no
 * other instance, so every call misses the plan cache and adds an entry, and the entries of one statement share one
 * hash bin that each lookup walks. Measured with JFR at 40 orders/s (2026-12-08): 18–32 % of ingest's, returns' and
 * alerting's CPU went to that cache. Native updates ({@code executeUpdate}) do not have the problem.
 * <p>
 * Positional parameters ({@code $1, $2, ...}); an {@link Instant} is bound as a {@code timestamptz}. Rows come back as
 * {@code Object[]} ({@code timestamptz} as {@link OffsetDateTime}: read it with {@link #instant}). The session does
 * not see these statements: call them with no entity change pending (the consumers flush between events) or flush
 * first.
 */
public final class Sql {
    private Sql() {
    }

    /** The rows of a statement that returns rows ({@code select}, or a write with {@code returning}). */
    public static Uni<List<Object[]>> rows(String sql, Object... params) {
        return connection().chain(c -> Uni.createFrom().completionStage(() -> c.select(sql, bind(params))))
                .map(result -> {
                    List<Object[]> rows = new ArrayList<>(result.size());
                    result.forEachRemaining(rows::add);
                    return rows;
                });
    }

    /** The first row's first column, or null when there is no row. */
    public static Uni<Object> value(String sql, Object... params) {
        return rows(sql, params).map(rows -> rows.isEmpty() ? null : rows.get(0)[0]);
    }

    /** A {@code timestamptz} (or {@code timestamp}, taken as UTC) of a row, as whichever type the driver answered. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp " + value.getClass().getName() + ": " + value);
    }

    static Object[] bind(Object[] params) {
        Object[] bound = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            bound[i] = params[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : params[i];
        }
        return bound;
    }

    private static Uni<ReactiveConnection> connection() {
        return Panache.getSession().map(Sql::connectionOf);
    }

    private static ReactiveConnection connectionOf(Mutiny.Session session) {
        if (session instanceof MutinySessionImpl impl) {
            return impl.getReactiveConnection();
        }
        throw new IllegalStateException("not a Hibernate Reactive Mutiny session: " + session.getClass().getName());
    }
}
