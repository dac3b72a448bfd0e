package io.orderhub.bench;

import io.orderhub.contract.CloudEventHeaders;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code orderhub.orders.lifecycle.v1} as any consumer would and keeps, per global order id, the
 * {@code ce_time} of its {@code PAID} and {@code STOCK_LOCKED} events: payment→stock-locked is the difference of
 * the two timestamps order-state-service wrote, end to end through ingest, Kafka, inventory and back; webhook→
 * stock-locked is STOCK_LOCKED's timestamp minus the webhook's scheduled send time.
 */
public final class LifecycleWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Map<String, Instant> paid = new ConcurrentHashMap<>();
    private final Map<String, Instant> locked = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public LifecycleWatcher(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "orderhub-bench-lifecycle");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.ORDERS_LIFECYCLE, Duration.ofSeconds(30));
        List<TopicPartition> tps = partitions.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position); // resolve "end" now, before any bench order exists
        thread = new Thread(this::loop, "bench-lifecycle-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!stopped) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                String type = header(r, CloudEventHeaders.TYPE);
                if (EventTypes.ORDER_PAID.equals(type)) {
                    paid.putIfAbsent(r.key(), time(r));
                } else if (EventTypes.ORDER_STOCK_LOCKED.equals(type)) {
                    locked.putIfAbsent(r.key(), time(r));
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private static Instant time(ConsumerRecord<String, byte[]> r) {
        String t = header(r, CloudEventHeaders.TIME);
        return t == null ? Instant.ofEpochMilli(r.timestamp()) : OffsetDateTime.parse(t).toInstant();
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** PAID → STOCK_LOCKED of an order in microseconds, from the two events' timestamps; -1 if not both seen yet. */
    public long paidToLockedMicros(String globalOrderId) {
        Instant p = paid.get(globalOrderId);
        Instant l = locked.get(globalOrderId);
        return p == null || l == null ? -1 : Duration.between(p, l).toNanos() / 1000;
    }

    /** The {@code ce_time} of the order's STOCK_LOCKED event (when order-state recorded the lock), or null. */
    public Instant lockedAt(String globalOrderId) {
        return locked.get(globalOrderId);
    }

    public boolean isLocked(String globalOrderId) {
        return locked.containsKey(globalOrderId);
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
