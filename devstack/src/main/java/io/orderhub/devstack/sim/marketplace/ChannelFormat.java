package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One platform's wire format: how it renders an order (field names, units, time formats, status values), how it
 * pushes a change (body, headers, signature), and its API (orders changed in a time window, paged; one order;
 * the ship/fulfil write-back). Field names follow shared/platform-payloads/&lt;channel&gt;/README.md.
 */
abstract class ChannelFormat {
    static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** A push as sent: query parameters (Taobao signs them), headers and the exact body bytes. */
    record Push(Map<String, String> query, Map<String, String> headers, byte[] body) {
    }

    final MarketplaceSimulator sim;

    ChannelFormat(MarketplaceSimulator sim) {
        this.sim = sim;
    }

    abstract String channel();

    /** Path prefixes of this platform's API on the simulator's port. */
    abstract List<String> apiPrefixes();

    String currency() {
        return "CNY";
    }

    abstract String newOrderId(long sequence);

    /** Demo lines, amounts and address of a new order on this platform. */
    abstract void seed(SimOrder o);

    /** The order object as the platform's list API shows it. */
    abstract ObjectNode render(SimOrder o);

    /** The detail document (what the detail API answers and what the hub's push convention carries). */
    abstract ObjectNode detail(ObjectNode order);

    /** The platform's topic / tag / message type for a change to {@code stage} ({@code version} 1 = created). */
    abstract String topic(SimOrder.Stage stage, int version);

    /** The full-document push (the hub's push convention for this channel), signed. */
    abstract Push push(Snapshot s, String deliveryId, String topic);

    /** The platform's own thin change notification (no lines), signed; null where the platform has none. */
    Push notification(Snapshot s, String deliveryId, String topic) {
        return null;
    }

    /** Answers a call to this platform's API. */
    abstract ApiAnswer api(ApiRequest request);

    // ------------------------------------------------------------------------------------------ helpers

    static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    static byte[] compact(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String compactText(JsonNode node) {
        return new String(compact(node), StandardCharsets.UTF_8);
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Minor units as a major-unit decimal string with two places: 21380 → "213.80". */
    static String major(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }

    /** Minor units as a JSON number in major units with at least one decimal (Pinduoduo's doubles): 8690 → 86.9, 300 → 3.0. */
    static BigDecimal majorNumber(long minor) {
        BigDecimal v = BigDecimal.valueOf(minor, 2).stripTrailingZeros();
        return v.scale() < 1 ? v.setScale(1) : v;
    }

    /** Minor units from a major-unit text ("12.30" → 1230); null if it is not a number. */
    static Long minorOf(String major) {
        try {
            return new BigDecimal(major.trim()).movePointRight(2).longValueExact();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static <T> List<T> page(List<T> all, int offset, int size) {
        if (offset >= all.size() || size <= 0) {
            return List.of();
        }
        return all.subList(Math.max(0, offset), Math.min(all.size(), offset + size));
    }

    static int intParam(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static long longParam(String value, long fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static long epochSeconds(Instant t) {
        return t == null ? 0 : t.getEpochSecond();
    }

    static long epochMillis(Instant t) {
        return t == null ? 0 : t.toEpochMilli();
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Puts an extra field (a test's unknown field) as its natural JSON type. */
    static void putExtra(ObjectNode target, Map<String, Object> extra) {
        extra.forEach((k, v) -> target.set(k, JSON.valueToTree(v)));
    }
}
