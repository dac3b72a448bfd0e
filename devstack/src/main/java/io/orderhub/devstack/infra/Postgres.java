package io.orderhub.devstack.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the binaries that ship inside the zonky Maven artifact, or an
 * external one: {@code ORDERHUB_PG_HOST}, {@code ORDERHUB_PG_PORT}, {@code ORDERHUB_PG_USER},
 * {@code ORDERHUB_PG_PASSWORD} point at any PostgreSQL and nothing is started.
 */
public final class Postgres implements AutoCloseable {
    /**
     * {@code -Dorderhub.pg.durable=true} (the benchmark sets it): the embedded server is durable as in production, with
     * fsync, synchronous_commit and full_page_writes on. Unset, it trades durability for speed (fsync off, commits not
     * waiting for their WAL flush): tests, {@code ./hub up} and the fault suite need no crash safety of the machine.
     */
    public static final String DURABLE_PROPERTY = "orderhub.pg.durable";
    /** {@code -Dorderhub.pg.statements=true}: preload pg_stat_statements (the benchmark counts statements per order). */
    public static final String STATEMENTS_PROPERTY = "orderhub.pg.statements";

    private EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    /** The embedded server's data directory, kept across {@link #restart()}; deleted on close unless the caller keeps it. */
    private final Path dataDirectory;
    private final boolean deleteDataOnClose;

    private Postgres(EmbeddedPostgres embedded, String host, int port, String user, String password, Path dataDirectory,
            boolean deleteDataOnClose) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.dataDirectory = dataDirectory;
        this.deleteDataOnClose = deleteDataOnClose;
    }

    /** Starts an embedded server on {@code port} (0 = any free port), or uses the external one the environment names. */
    public static Postgres start(int port, Optional<Path> dataDirectory) {
        String externalHost = System.getenv("ORDERHUB_PG_HOST");
        if (externalHost != null && !externalHost.isBlank()) {
            return new Postgres(null, externalHost, Integer.parseInt(env("ORDERHUB_PG_PORT", "5432")),
                    env("ORDERHUB_PG_USER", "postgres"), env("ORDERHUB_PG_PASSWORD", ""), null, false);
        }
        try {
            // our own data directory even when it is thrown away, so that a restart finds the same data
            Path dir = dataDirectory.isPresent() ? dataDirectory.get() : Files.createTempDirectory("orderhub-pg-");
            EmbeddedPostgres pg = embedded(port, dir);
            return new Postgres(pg, "localhost", pg.getPort(), "postgres", "postgres", dir, dataDirectory.isEmpty());
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres embedded(int port, Path dataDirectory) throws IOException {
        // zonky's own default is synchronous_commit=off, so every durability setting is given explicitly
        String durable = Boolean.getBoolean(DURABLE_PROPERTY) ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        if (Boolean.getBoolean(STATEMENTS_PROPERTY)) {
            // shipped with the zonky binaries; max well above the hub's few hundred distinct statements, so that no
            // entry is evicted (an evicted entry's calls would be lost from a count)
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.max", "10000")
                    .setServerConfig("pg_stat_statements.track", "top");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /**
     * Stops the embedded server (pg_ctl fast shutdown: every open connection is cut, committed data stays) and
     * starts it again on the same port and data directory, as a database failover or restart would look to the
     * services. Not possible for an external server.
     */
    public synchronized Postgres restart() {
        if (embedded == null) {
            throw new UnsupportedOperationException("PostgreSQL at " + host + ":" + port + " is external; restart it yourself");
        }
        try {
            embedded.close();
            embedded = embedded(port, dataDirectory);
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start again: " + e.getMessage(), e);
        }
    }

    /** Creates {@code name} unless it exists. */
    public Postgres ensureDatabase(String name) {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + name.replace("'", "") + "'")) {
                if (rs.next()) {
                    return this;
                }
            }
            st.execute("create database \"" + name.replace("\"", "") + "\"");
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL form of Quarkus' reactive PostgreSQL client. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The embedded server's data directory; empty for an external server. */
    public Optional<Path> dataDirectory() {
        return embedded == null ? Optional.empty() : Optional.ofNullable(dataDirectory);
    }

    /**
     * The embedded server's postmaster process id (first line of {@code postmaster.pid}; every other server process
     * is its child), or -1 for an external server or when it cannot be read.
     */
    public long postmasterPid() {
        if (embedded == null || dataDirectory == null) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::trim).map(Long::parseLong).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // the process is going away anyway
            }
            embedded = null;
        }
        if (deleteDataOnClose && dataDirectory != null) {
            deleteTree(dataDirectory);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans up what is left
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
