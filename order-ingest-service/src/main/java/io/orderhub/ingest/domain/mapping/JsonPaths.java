package io.orderhub.ingest.domain.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/** Dotted paths into channel documents, and a parser that never turns an amount into a double. */
public final class JsonPaths {
    /**
     * Channel documents: decimals stay {@code BigDecimal} (PDD sends yuan as JSON numbers), integers
     * beyond 2^53 stay exact (Taobao {@code tid}, Douyin {@code p_id}), trailing garbage is an error.
     */
    public static final ObjectMapper PAYLOADS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Parses a body as received; a body that is not UTF-8 JSON is a {@link MappingException}. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MappingException(MappingException.Kind.MALFORMED, "the body is empty: the platform sent no order document");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new MappingException(MappingException.Kind.MALFORMED, "the body is not valid UTF-8 text");
        }
        try {
            return PAYLOADS.readTree(body);
        } catch (java.io.IOException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new MappingException(MappingException.Kind.MALFORMED, "the body is not valid JSON: " + message, e);
        }
    }

    /** The node at {@code path} below {@code node}; null when any step is absent. */
    public static JsonNode at(JsonNode node, String path) {
        if (path == null || path.isEmpty() || path.equals("$")) {
            return node;
        }
        JsonNode current = node;
        String[] segments = path.split("\\.");
        for (String segment : segments) {
            if (current == null || current.isNull() || current.isMissingNode()) {
                return null;
            }
            if (current.isTextual()) {
                current = embedded(current.asText());
                if (current == null) {
                    return null;
                }
            }
            if (current.isArray()) {
                if (!segment.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                current = current.get(Integer.parseInt(segment));
            } else {
                current = current.get(segment);
            }
        }
        return current;
    }

    /**
     * Every node at {@code path}, where a {@code *} segment stands for each element of an array (or each
     * value of an object): {@code orders.order.*.refund_status}.
     */
    public static java.util.List<JsonNode> all(JsonNode node, String path) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        collect(node, path == null || path.isEmpty() ? new String[0] : path.split("\\."), 0, out);
        return out;
    }

    private static void collect(JsonNode node, String[] segments, int from, java.util.List<JsonNode> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (from == segments.length) {
            out.add(node);
            return;
        }
        if (node.isTextual()) {
            node = embedded(node.asText());
            if (node == null) {
                return;
            }
        }
        String segment = segments[from];
        if (segment.equals("*")) {
            for (JsonNode child : node) {
                collect(child, segments, from + 1, out);
            }
        } else if (node.isArray()) {
            if (segment.chars().allMatch(Character::isDigit)) {
                collect(node.get(Integer.parseInt(segment)), segments, from + 1, out);
            }
        } else {
            collect(node.get(segment), segments, from + 1, out);
        }
    }

    /** A string that holds a JSON document (Douyin push {@code data}, PDD PMC {@code content}). */
    private static JsonNode embedded(String text) {
        String t = text.trim();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return null;
        }
        try {
            return PAYLOADS.readTree(t);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode()
                && !(value.isTextual() && value.asText().isBlank());
    }

    /** Visits every leaf below {@code node} with its dotted path (array elements as {@code [*]}). */
    public static void leaves(JsonNode node, String prefix, BiConsumer<String, JsonNode> visitor) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), visitor);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                leaves(element, prefix + "[*]", visitor);
            }
        } else {
            visitor.accept(prefix, node);
        }
    }

    private JsonPaths() {
    }
}
