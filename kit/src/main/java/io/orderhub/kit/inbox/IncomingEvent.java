package io.orderhub.kit.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.CloudEventHeaders;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A CloudEvent read from Kafka binary mode: the {@code ce_*} headers and the JSON data. The data is bound to a
 * payload record at most once per type ({@link #data}): a relevance check and the side effect that follows it share
 * one parse.
 */
public final class IncomingEvent {
    private final String id;
    private final String type;
    private final String source;
    private final String subject;
    private final Instant time;
    private final String key;
    private final String topic;
    private final String data;
    private Map<Class<?>, Object> bound;

    public IncomingEvent(String id, String type, String source, String subject, Instant time, String key,
            String topic, String data) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.subject = subject;
        this.time = time;
        this.key = key;
        this.topic = topic;
        this.data = data;
    }

    /** Reads the envelope of a Kafka message; a message without {@code ce_id}/{@code ce_type} is poison. */
    public static IncomingEvent from(Message<?> message) {
        IncomingKafkaRecordMetadata<?, ?> meta = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new PoisonEventException("not a Kafka record"));
        Headers headers = meta.getHeaders();
        String id = header(headers, CloudEventHeaders.ID);
        String type = header(headers, CloudEventHeaders.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new PoisonEventException("missing ce_id or ce_type header (topic " + meta.getTopic()
                    + ", partition " + meta.getPartition() + ", offset " + meta.getOffset() + ")");
        }
        String time = header(headers, CloudEventHeaders.TIME);
        Object payload = message.getPayload();
        String data = payload == null ? null
                : payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : payload.toString();
        Object key = meta.getKey();
        return new IncomingEvent(id, type, header(headers, CloudEventHeaders.SOURCE), header(headers, CloudEventHeaders.SUBJECT),
                time == null ? null : parseTime(time), key == null ? null : key.toString(), meta.getTopic(), data);
    }

    /** The {@code ce_type} header of a Kafka message without reading anything else (null if absent). */
    public static String typeOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(meta -> typeOf(meta.getHeaders())).orElse(null);
    }

    /** The {@code ce_type} header among a record's headers (null if absent). */
    public static String typeOf(Headers headers) {
        return header(headers, CloudEventHeaders.TYPE);
    }

    /** Binds the data to a payload record; malformed data is poison (it goes to the dead-letter topic). */
    public <T> T data(ObjectMapper mapper, Class<T> type) {
        if (data == null) {
            throw new PoisonEventException("event " + id + " (" + this.type + ") has no data");
        }
        if (bound != null && bound.containsKey(type)) {
            return type.cast(bound.get(type));
        }
        try {
            T value = mapper.readValue(data, type);
            if (bound == null) {
                bound = new HashMap<>(2);
            }
            bound.put(type, value);
            return value;
        } catch (IOException e) {
            throw new PoisonEventException("event " + id + " (" + this.type + ") data is not a valid "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String source() {
        return source;
    }

    public String subject() {
        return subject;
    }

    public Instant time() {
        return time;
    }

    public String key() {
        return key;
    }

    public String topic() {
        return topic;
    }

    public String data() {
        return data;
    }

    @Override
    public String toString() {
        return "IncomingEvent[" + id + " " + type + " on " + topic + "]";
    }

    private static Instant parseTime(String time) {
        try {
            return java.time.OffsetDateTime.parse(time).toInstant();
        } catch (RuntimeException e) {
            throw new PoisonEventException("ce_time is not an RFC 3339 time: " + time);
        }
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
