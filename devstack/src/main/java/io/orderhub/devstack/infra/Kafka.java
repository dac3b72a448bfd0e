package io.orderhub.devstack.infra;

import io.kroxylicious.testing.kafka.api.TerminationStyle;
import io.kroxylicious.testing.kafka.common.KafkaClusterConfig;
import io.kroxylicious.testing.kafka.invm.InVMKafkaCluster;
import io.orderhub.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A real Kafka broker in KRaft mode, running Kafka's own server classes inside this JVM (no Docker),
 * or an external cluster named by {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class Kafka implements AutoCloseable {
    private final InVMKafkaCluster cluster;
    private final String bootstrapServers;
    /**
     * The in-JVM broker is built and started by a thread of this group, and a thread joins its creator's group, so
     * every thread the broker (and its KRaft controller) starts ends up here: the benchmark tells the broker's CPU
     * from the rest of this JVM's by it. Null for an external cluster.
     */
    private final ThreadGroup threads;

    private Kafka(InVMKafkaCluster cluster, String bootstrapServers, ThreadGroup threads) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
        this.threads = threads;
    }

    public static Kafka start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return new Kafka(null, external, null).createHubTopics();
        }
        ThreadGroup threads = new ThreadGroup("kafka-broker");
        InVMKafkaCluster cluster = inGroup(threads, () -> {
            InVMKafkaCluster c = new InVMKafkaCluster(KafkaClusterConfig.builder()
                    .kraftMode(true)
                    .brokersNum(1)
                    .brokerConfig("auto.create.topics.enable", "true")
                    .brokerConfig("num.partitions", "3")
                    .build());
            c.start();
            return c;
        });
        return new Kafka(cluster, cluster.getBootstrapServers(), threads).createHubTopics();
    }

    /** Runs {@code action} on a new thread of {@code group} and waits for it. */
    private static <T> T inGroup(ThreadGroup group, Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = new Thread(group, () -> {
            try {
                result.set(action.get());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "kafka-broker-start");
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Kafka broker started", e);
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    /**
     * CPU time (user + system, nanoseconds) the in-JVM broker's live threads have used so far, or -1 for an external
     * cluster or a JVM without thread CPU time. A broker thread that ended takes its time with it (the broker's
     * threads are long-lived pools, so this is rare).
     */
    public long brokerCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (threads == null || !mx.isThreadCpuTimeSupported() || !mx.isThreadCpuTimeEnabled()) {
            return -1;
        }
        Thread[] live = new Thread[threads.activeCount() + 64];
        int n = threads.enumerate(live, true);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long t = mx.getThreadCpuTime(live[i].getId()); // -1 when it ended meanwhile
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    /** Creates every topic of the contract and its dead-letter topic (3 partitions each). */
    public Kafka createHubTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : Topics.ALL) {
            topics.add(new NewTopic(t, 3, (short) 1));
            topics.add(new NewTopic(Topics.dlq(t), 1, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer in 30 s", e);
        }
        return this;
    }

    /**
     * Stops the in-JVM broker (controlled shutdown) and starts it again with the same node id, ports and log
     * directory: producers and consumers see the broker disappear and come back, no record is lost. Not possible
     * for an external cluster.
     */
    public synchronized Kafka restart() {
        if (cluster == null) {
            throw new UnsupportedOperationException("Kafka at " + bootstrapServers + " is external; restart it yourself");
        }
        cluster.stopNodes(node -> true, TerminationStyle.GRACEFUL);
        inGroup(threads, () -> {
            cluster.startNodes(node -> true); // the new broker threads join the same group
            return null;
        });
        return this;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // the process is going away anyway
            }
        }
    }
}
