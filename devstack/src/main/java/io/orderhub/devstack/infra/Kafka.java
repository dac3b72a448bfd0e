package io.orderhub.devstack.infra;

import io.kroxylicious.testing.kafka.api.TerminationStyle;
import io.kroxylicious.testing.kafka.common.KafkaClusterConfig;
import io.kroxylicious.testing.kafka.invm.InVMKafkaCluster;
import io.orderhub.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in KRaft mode, running Kafka's own server classes inside this JVM (no Docker),
 * or an external cluster named by {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class Kafka implements AutoCloseable {
    private final InVMKafkaCluster cluster;
    private final String bootstrapServers;

    private Kafka(InVMKafkaCluster cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    public static Kafka start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return new Kafka(null, external).createHubTopics();
        }
        InVMKafkaCluster cluster = new InVMKafkaCluster(KafkaClusterConfig.builder()
                .kraftMode(true)
                .brokersNum(1)
                .brokerConfig("auto.create.topics.enable", "true")
                .brokerConfig("num.partitions", "3")
                .build());
        cluster.start();
        return new Kafka(cluster, cluster.getBootstrapServers()).createHubTopics();
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
        cluster.startNodes(node -> true);
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
