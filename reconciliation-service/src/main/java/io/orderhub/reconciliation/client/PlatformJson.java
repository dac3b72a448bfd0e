package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.orderhub.contract.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reading the Chinese marketplaces' documents: amounts exact (Pinduoduo sends yuan as JSON numbers, which must not
 * pass through a double), yuan strings or integer fen, Beijing local times or Unix seconds/milliseconds, and the
 * platforms' ways of saying "unset" (empty string, 0, JD's {@code 0001-01-01 00:00:00}).
 */
final class PlatformJson {
    static final String CNY = "CNY";
    static final ObjectMapper EXACT = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private PlatformJson() {
    }

    static JsonNode read(String platform, String body) {
        try {
            JsonNode root = EXACT.readTree(body);
            if (root == null || !root.isObject()) {
                throw new SourceFailedException(platform + " answered something that is not a JSON object: " + Failures.abbreviate(body));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new SourceFailedException(platform + " answered something that is not JSON: " + Failures.abbreviate(body));
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /**
     * Yuan as a string ("213.80") or a JSON number (86.9), exact, written to the fen (86.9 → 86.90) like the other
     * sources; more decimals are kept as sent, never rounded away.
     */
    static Money yuan(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal yuan = new BigDecimal(v.trim());
            return new Money(yuan.scale() < 2 ? yuan.setScale(2) : yuan, CNY);
        } catch (NumberFormatException e) {
            throw new SourceFailedException("the platform sent " + field + " '" + v + "', not an amount in yuan");
        }
    }

    /** Integer fen (Douyin, Xiaohongshu): 21380 → 213.80 CNY. */
    static Money fen(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToExactIntegral() && !v.isTextual()) {
            throw new SourceFailedException("the platform sent " + field + " " + v + ", not an amount in fen");
        }
        try {
            return new Money(BigDecimal.valueOf(Long.parseLong(v.asText().trim()), 2), CNY);
        } catch (NumberFormatException e) {
            throw new SourceFailedException("the platform sent " + field + " " + v + ", not an amount in fen");
        }
    }

    /** A Beijing {@code yyyy-MM-dd HH:mm:ss}; empty and JD's {@code 0001-01-01 00:00:00} mean unset. */
    static Instant beijing(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.startsWith("0001-01-01") || v.startsWith("0000-00-00")) {
            return null;
        }
        try {
            return BeijingTime.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new SourceFailedException("the platform sent " + field + " '" + v + "', not yyyy-MM-dd HH:mm:ss (Beijing time)");
        }
    }

    /** Unix seconds; 0 means unset. */
    static Instant epochSeconds(JsonNode n, String field) {
        long v = epoch(n, field);
        return v <= 0 ? null : Instant.ofEpochSecond(v);
    }

    /** Unix milliseconds; 0 means unset. */
    static Instant epochMillis(JsonNode n, String field) {
        long v = epoch(n, field);
        return v <= 0 ? null : Instant.ofEpochMilli(v);
    }

    private static long epoch(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new SourceFailedException("the platform sent " + field + " '" + v + "', not a Unix time");
        }
    }
}
