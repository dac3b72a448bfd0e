package io.orderhub.reconciliation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.Money;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fees as stored: a canonical JSON object, standard fee type → {@code "<amount> <currency>"}, sorted by type with
 * amounts normalised (5.0 and 5.00 store alike), so that an unchanged fee never looks like a change.
 */
public final class Fees {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fees() {
    }

    public static String json(Map<String, Money> fees) {
        if (fees == null || fees.isEmpty()) {
            return null;
        }
        Map<String, String> canonical = new TreeMap<>();
        fees.forEach((type, m) -> {
            if (type != null && m != null) {
                canonical.put(type, RuleEngine.money(m));
            }
        });
        try {
            return JSON.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parsed fee objects by their text: most orders of a shop carry the same few fee combinations. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Map<String, Money>> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    public static Map<String, Money> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, Money> known = PARSED.get(json);
        if (known != null) {
            return known;
        }
        Map<String, Money> parsed = read(json);
        if (PARSED.size() > 10_000) {
            PARSED.clear();
        }
        PARSED.put(json, parsed);
        return parsed;
    }

    private static Map<String, Money> read(String json) {
        try {
            Map<String, String> raw = JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
            Map<String, Money> out = new LinkedHashMap<>();
            raw.forEach((type, v) -> {
                int space = v.lastIndexOf(' ');
                if (space > 0) {
                    out.put(type, new Money(new BigDecimal(v.substring(0, space)), v.substring(space + 1)));
                }
            });
            return Map.copyOf(out);
        } catch (JsonProcessingException | RuntimeException e) {
            return Map.of();
        }
    }
}
