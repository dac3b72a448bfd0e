package io.orderhub.devstack.test;

import io.orderhub.contract.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Publishes CloudEvents to, and reads them from, the real broker in tests. */
public final class KafkaTestClient implements AutoCloseable {
    private final String bootstrap;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** A received CloudEvent. */
    public record Event(String id, String type, String source, String subject, String key, String data,
            Map<String, String> headers) {
    }

    /** Sends a CloudEvent in binary mode; returns its id. */
    public String publish(String topic, String key, String type, String id, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        add(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        add(record, CloudEventHeaders.ID, id);
        add(record, CloudEventHeaders.TYPE, type);
        add(record, CloudEventHeaders.SOURCE, "test");
        add(record, CloudEventHeaders.SUBJECT, key);
        add(record, CloudEventHeaders.TIME, Instant.now().toString());
        add(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return send(record, id);
    }

    public String publish(String topic, String key, String type, String json) {
        return publish(topic, key, type, UUID.randomUUID().toString(), json);
    }

    /** Sends a record without CloudEvents headers (poison for every hub consumer). */
    public void publishRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value), key);
    }

    private String send(ProducerRecord<String, String> record, String id) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
            return id;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + record.topic() + ": " + e, e);
        }
    }

    /** Every event of {@code topic} from the beginning, read until {@code done} holds or the deadline passes. */
    public List<Event> readUntil(String topic, Duration deadline, Predicate<List<Event>> done) {
        List<Event> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(toEvent(r));
                }
                if (done.test(seen)) {
                    return seen;
                }
            }
        }
        return seen;
    }

    /** The events of {@code topic} whose subject is {@code subject}, once {@code done} holds for them. */
    public List<Event> readSubject(String topic, String subject, Duration deadline, Predicate<List<Event>> done) {
        List<Event> all = readUntil(topic, deadline, events -> done.test(
                events.stream().filter(e -> subject.equals(e.subject())).toList()));
        return all.stream().filter(e -> subject.equals(e.subject())).toList();
    }

    private static Event toEvent(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Event(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.TYPE),
                headers.get(CloudEventHeaders.SOURCE), headers.get(CloudEventHeaders.SUBJECT), r.key(), r.value(), headers);
    }

    private static void add(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
