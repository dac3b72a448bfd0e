package io.orderhub.bench;

import io.orderhub.devstack.Stack;
import io.orderhub.devstack.infra.LagSampler;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the counters {@link Work} is made of: per service database pg_stat_database's transactions and rows written
 * and pg_stat_statements' calls per statement (both cluster-wide views, read from the {@code postgres} database, so
 * this reader's own queries count in none of the services' databases), and Kafka's end offsets and the hub groups'
 * committed offsets ({@link LagSampler#offsets()}).
 *
 * <p>PostgreSQL 14 sends a backend's pg_stat_database counters to its statistics collector at most every 0.5 s, so
 * a backend's last half second of transactions before it went idle may be counted in the next window.
 * pg_stat_statements counts in shared memory as each statement ends: exact, unless it evicted entries (reported).
 * The committed offsets are exact at the window's ends because the drain ends only once every group has caught up.
 */
final class WorkCounter implements AutoCloseable {
    private static final Pattern TRANSACTION_CONTROL =
            Pattern.compile("^\\s*(begin|start\\s+transaction|commit|end|rollback|abort|savepoint|release)\\b", Pattern.CASE_INSENSITIVE);

    /** The counters at one instant; a null part could not be read. */
    record Snapshot(Map<String, long[]> databases, Map<String, Calls> statements, long evictions, LagSampler.Offsets kafka,
            List<String> failures) {
    }

    /** A statement's calls so far in one database. */
    record Calls(String database, String query, long calls) {
    }

    private final Connection pg;
    private final LagSampler lag;
    private final Map<String, String> serviceOfDatabase = new LinkedHashMap<>();
    /** Null when pg_stat_statements counts; otherwise why it does not. */
    private final String statementsUnavailable;

    WorkCounter(String postgresJdbcUrl, String user, String password, LagSampler lag) throws SQLException {
        this.pg = DriverManager.getConnection(postgresJdbcUrl, user, password);
        this.lag = lag;
        Stack.SERVICES.forEach(s -> serviceOfDatabase.put(s.database(), s.name()));
        String unavailable = null;
        try (Statement s = pg.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.executeQuery("select 1 from pg_stat_statements limit 1").close();
        } catch (SQLException e) {
            // not preloaded (an external server): statements are not counted rather than estimated
            unavailable = "pg_stat_statements is not available (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        statementsUnavailable = unavailable;
    }

    /** Where the statement counts come from, or why there are none. */
    String statementsSource() {
        return statementsUnavailable == null ? "pg_stat_statements (calls of top-level statements)" : statementsUnavailable;
    }

    Snapshot read() {
        List<String> failures = new ArrayList<>();
        Map<String, long[]> databases = null;
        Map<String, Calls> statements = null;
        long evictions = -1;
        try {
            databases = databases();
            if (statementsUnavailable == null) {
                statements = statements();
                evictions = evictions();
            }
        } catch (SQLException e) {
            failures.add("PostgreSQL's statistics could not be read: " + e.getMessage());
        }
        LagSampler.Offsets kafka = lag.offsets();
        if (kafka == null) {
            failures.add("Kafka's offsets could not be read (the broker did not answer in time)");
        }
        return new Snapshot(databases, statements, evictions, kafka, failures);
    }

    /** Per service database: {transactions, rows written} so far. */
    private Map<String, long[]> databases() throws SQLException {
        Map<String, long[]> m = new HashMap<>();
        try (PreparedStatement q = pg.prepareStatement("select datname, xact_commit + xact_rollback, "
                + "tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = any(?)")) {
            q.setArray(1, pg.createArrayOf("text", serviceOfDatabase.keySet().toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    m.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
                }
            }
        }
        return m;
    }

    /** Calls so far per statement of the service databases, keyed by database and query id. */
    private Map<String, Calls> statements() throws SQLException {
        Map<String, Calls> m = new HashMap<>();
        try (PreparedStatement q = pg.prepareStatement("select d.datname, s.queryid, sum(s.calls), min(s.query) from pg_stat_statements s "
                + "join pg_database d on d.oid = s.dbid where d.datname = any(?) group by d.datname, s.queryid")) {
            q.setArray(1, pg.createArrayOf("text", serviceOfDatabase.keySet().toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    m.put(r.getString(1) + "/" + r.getLong(2), new Calls(r.getString(1), r.getString(4), r.getLong(3)));
                }
            }
        }
        return m;
    }

    /** Entries pg_stat_statements has evicted so far (their calls are lost from any count spanning the eviction). */
    private long evictions() throws SQLException {
        try (Statement s = pg.createStatement(); ResultSet r = s.executeQuery("select dealloc from pg_stat_statements_info")) {
            return r.next() ? r.getLong(1) : -1;
        }
    }

    /** The work between two snapshots, per order; {@code cpuMs} and {@code boxCores} come from {@link BoxCpu}. */
    Work work(Snapshot before, Snapshot after, long orders, double seconds, Map<String, Double> cpuMs, double boxCores) {
        List<String> notes = new ArrayList<>(after.failures());
        before.failures().forEach(f -> notes.add("at the step's start: " + f));
        Map<String, Long> statementCalls = new HashMap<>();
        Map<String, Long> controlCalls = new HashMap<>();
        List<Calls> frequent = new ArrayList<>();
        boolean statementsCounted = before.statements() != null && after.statements() != null;
        if (statementsCounted) {
            for (Map.Entry<String, Calls> e : after.statements().entrySet()) {
                Calls was = before.statements().get(e.getKey());
                long calls = e.getValue().calls() - (was == null ? 0 : was.calls());
                if (calls <= 0) {
                    continue;
                }
                String db = e.getValue().database();
                statementCalls.merge(db, calls, Long::sum);
                if (TRANSACTION_CONTROL.matcher(e.getValue().query()).find()) {
                    controlCalls.merge(db, calls, Long::sum);
                } else {
                    frequent.add(new Calls(db, e.getValue().query(), calls));
                }
            }
            if (before.evictions() >= 0 && after.evictions() > before.evictions()) {
                notes.add("pg_stat_statements evicted " + (after.evictions() - before.evictions())
                        + " entries in this window: its statement counts are too low");
            }
        }
        List<Work.Database> databases = new ArrayList<>();
        boolean databasesCounted = before.databases() != null && after.databases() != null;
        serviceOfDatabase.forEach((db, service) -> {
            long[] b = databasesCounted ? before.databases().get(db) : null;
            long[] a = databasesCounted ? after.databases().get(db) : null;
            boolean both = b != null && a != null;
            databases.add(new Work.Database(service, db,
                    both ? perOrder(a[0] - b[0], orders) : -1,
                    statementsCounted ? perOrder(statementCalls.getOrDefault(db, 0L), orders) : -1,
                    statementsCounted ? perOrder(controlCalls.getOrDefault(db, 0L), orders) : -1,
                    both ? perOrder(a[1] - b[1], orders) : -1));
        });
        List<Work.Statement> top = frequent.stream().sorted(Comparator.comparingLong(Calls::calls).reversed()).limit(10)
                .map(c -> new Work.Statement(c.database(), perOrder(c.calls(), orders), shorten(c.query()))).toList();
        Map<String, Double> produced = new TreeMap<>();
        Map<String, Map<String, Double>> consumed = new TreeMap<>();
        if (before.kafka() != null && after.kafka() != null) {
            after.kafka().endByTopic().forEach((topic, end) -> {
                long records = end - before.kafka().endByTopic().getOrDefault(topic, 0L);
                if (records > 0) {
                    produced.put(topic, perOrder(records, orders));
                }
            });
            after.kafka().committedByGroup().forEach((group, topics) -> topics.forEach((topic, offset) -> {
                long records = offset - before.kafka().committedByGroup().getOrDefault(group, Map.of()).getOrDefault(topic, 0L);
                if (records > 0) {
                    consumed.computeIfAbsent(group, g -> new TreeMap<>()).put(topic, perOrder(records, orders));
                }
            }));
        }
        return new Work(orders, Math.round(seconds * 10) / 10.0, databases, statementsSource(), top, produced, consumed, cpuMs,
                boxCores, notes);
    }

    private static double perOrder(long count, long orders) {
        return orders <= 0 ? -1 : Math.round(count * 100.0 / orders) / 100.0;
    }

    private static String shorten(String query) {
        String q = query.replaceAll("\\s+", " ").trim();
        return q.length() > 120 ? q.substring(0, 117) + "..." : q;
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (SQLException e) {
            // the run is over
        }
    }
}
