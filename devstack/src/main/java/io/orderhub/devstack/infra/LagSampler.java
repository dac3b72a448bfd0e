package io.orderhub.devstack.infra;

import io.orderhub.devstack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Consumer lag of the hub's consumer groups (one per service, named after it): for each partition a group has
 * committed, the topic's end offset minus the group's committed offset, summed per group. Groups of other readers
 * (the bench's watcher, the fault suite's dead-letter reader) are not the hub's and are left out.
 */
public final class LagSampler implements AutoCloseable {
    private final Admin admin;
    private final Set<String> groups;

    public LagSampler(String bootstrapServers) {
        this.groups = Stack.SERVICES.stream().map(Stack.Service::name).collect(Collectors.toUnmodifiableSet());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
    }

    /** Lag per consumer group (messages behind), sorted by group name; null when the broker did not answer in time. */
    public Map<String, Long> sample() {
        Map<String, Long> lag = new TreeMap<>();
        try {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                if (!groups.contains(g.groupId())) {
                    continue;
                }
                committed.put(g.groupId(), admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS));
            }
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            committed.values().forEach(m -> m.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(wanted).all()
                    .get(5, TimeUnit.SECONDS);
            committed.forEach((group, offsets) -> {
                long sum = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    if (e.getValue() != null && ends.containsKey(e.getKey())) {
                        sum += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                lag.put(group, sum);
            });
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // a missed sample is a gap in the series, not a failed run, and never reads as "no lag"
            return null;
        }
        return lag;
    }

    /**
     * How far every topic has been written and every hub group has read, for counting a step's records: per topic the
     * end offsets of its partitions summed (internal topics included, so the groups' offset commits show as records of
     * {@code __consumer_offsets}), and per hub consumer group and topic its committed offsets summed. The difference
     * of two snapshots is the records produced per topic and consumed per group and topic in between.
     */
    public record Offsets(Map<String, Long> endByTopic, Map<String, Map<String, Long>> committedByGroup) {
    }

    /** The current {@link Offsets}; null when the broker did not answer in time. */
    public Offsets offsets() {
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            for (TopicDescription t : admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values()) {
                t.partitions().forEach(p -> wanted.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<String, Long> ends = new TreeMap<>();
            admin.listOffsets(wanted).all().get(5, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.merge(tp.topic(), info.offset(), Long::sum));
            Map<String, Map<String, Long>> committed = new TreeMap<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                if (!groups.contains(g.groupId())) {
                    continue;
                }
                Map<String, Long> perTopic = new TreeMap<>();
                admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS)
                        .forEach((tp, o) -> {
                            if (o != null) {
                                perTopic.merge(tp.topic(), o.offset(), Long::sum);
                            }
                        });
                committed.put(g.groupId(), perTopic);
            }
            return new Offsets(ends, committed);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    /** Total lag; -1 for a missed sample. */
    public static long total(Map<String, Long> lagPerGroup) {
        if (lagPerGroup == null) {
            return -1;
        }
        return lagPerGroup.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
