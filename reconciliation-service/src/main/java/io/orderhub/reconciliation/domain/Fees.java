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

    public static Map<String, Money> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
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
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            return Map.of();
        }
    }
}
