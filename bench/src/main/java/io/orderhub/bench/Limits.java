package io.orderhub.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this machine can do without the hub, measured against the very PostgreSQL server and Kafka broker the
 * hub uses: single-row inserts (autocommit, one transaction per row, with the server's own fsync and
 * {@code synchronous_commit}: durable in the benchmark, as in production) and produce with the outbox relay's settings
 * (acks=all, idempotent, linger 1 ms).
 */
public final class Limits {

    /** Rows or records per second, and the setting they were measured with. */
    public record Figure(String what, int clients, double perSecond, String settings) {
    }

    private Limits() {
    }

    /**
     * Inserts 1 row per transaction for {@code seconds} from {@code connections} JDBC connections in parallel;
     * {@code where} (the data directory's file system) is added to the settings the server reports.
     */
    public static Figure postgresInserts(String jdbcUrl, String user, String password, int connections, double seconds, String where)
            throws SQLException, InterruptedException {
        String settings;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_limit (id bigserial primary key, order_id text not null, "
                    + "payload text not null, created_at timestamptz not null default now())");
            settings = "synchronous_commit=" + show(s, "synchronous_commit") + ", fsync=" + show(s, "fsync") + ", full_page_writes="
                    + show(s, "full_page_writes") + ", " + where;
        }
        AtomicLong rows = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                     PreparedStatement insert = c.prepareStatement("insert into bench_limit (order_id, payload) values (?, ?)")) {
                    c.setAutoCommit(true);
                    String payload = "{\"lines\":[{\"sku\":\"BENCH-0001\",\"quantity\":1}]}".repeat(8);
                    long n = 0;
                    while (System.nanoTime() < deadline) {
                        insert.setString(1, "OH" + n);
                        insert.setString(2, payload);
                        insert.executeUpdate();
                        n++;
                    }
                    rows.addAndGet(n);
                } catch (SQLException e) {
                    failure.set(e);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination((long) seconds + 30, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("the PostgreSQL limit could not be measured: " + failure.get().getMessage(), failure.get());
        }
        return new Figure("PostgreSQL single-row inserts (autocommit)", connections, rows.get() / elapsed, settings);
    }

    /**
     * The file system a path is on, from {@code /proc/mounts} (the longest mount point above it), e.g. "ext4
     * (/dev/vda)"; fsync on a tmpfs costs nothing, so a durable figure means little there. "?" when unknown.
     */
    static String fileSystem(Path path) {
        try {
            Path real = path.toRealPath();
            String best = null;
            String type = "?";
            String device = "?";
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length < 3) {
                    continue;
                }
                // mount points with spaces are written with \040
                String mountPoint = f[1].replace("\\040", " ");
                if (real.startsWith(mountPoint) && (best == null || mountPoint.length() >= best.length())) {
                    best = mountPoint;
                    device = f[0];
                    type = f[2];
                }
            }
            return best == null ? "?" : type + " (" + device + ")";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet r = s.executeQuery("show " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    /** Produces 1 KB records with the relay's producer settings for {@code seconds}, at most 10,000 in flight. */
    public static Figure kafkaProduce(String bootstrapServers, double seconds) throws Exception {
        String topic = "orderhub.bench.limit";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // it exists from an earlier measurement
            }
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "orderhub-bench-limit");
        byte[] value = new byte[1024];
        java.util.Arrays.fill(value, (byte) 'x');
        Semaphore inFlight = new Semaphore(10_000);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata before the clock starts
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            long n = 0;
            while (System.nanoTime() < deadline) {
                inFlight.acquire();
                producer.send(new ProducerRecord<>(topic, "OH" + (n++ % 100_000), value), (m, e) -> {
                    inFlight.release();
                    if (e != null) {
                        failure.set(e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("the Kafka limit could not be measured: " + failure.get().getMessage(), failure.get());
            }
            return new Figure("Kafka produce, 1 KB records", 1, acked.get() / elapsed,
                    "acks=all, enable.idempotence=true, linger.ms=1, 3 partitions");
        }
    }
}
