package io.orderhub.ingest.domain.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields of a channel document that its mapping does not read (DESIGN.md "Channel vocabulary":
 * kept, counted, and a mapping suggested). Paths are relative to the order object, array elements as
 * {@code [*]}: {@code line_items[*].grams}.
 */
public final class UnknownFields {
    /** A field that stays under this share of the order total is a fee candidate. */
    public static final BigDecimal FEE_SHARE = new BigDecimal("0.05");

    /** One unknown field seen in one document; {@code amount} (major units) and {@code share} only for numbers at order level. */
    public record Observation(String path, String sample, BigDecimal amount, BigDecimal share) {
    }

    public static List<Observation> observe(ChannelMapping mapping, JsonNode document, BigDecimal orderTotal) {
        JsonNode order = mapping.orderOf(document);
        Set<String> known = mapping.knownPaths().stream().map(UnknownFields::normalise).collect(Collectors.toSet());
        List<Observation> out = new ArrayList<>();
        JsonPaths.leaves(order, "", (path, value) -> {
            if (isKnown(path, known)) {
                return;
            }
            String sample = value.isNull() ? null : abbreviate(value.asText());
            BigDecimal amount = null;
            BigDecimal share = null;
            if (!path.contains("[*]") && (value.isNumber() || looksDecimal(value))) {
                amount = mapping.toMajor(value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim()));
                if (orderTotal != null && orderTotal.signum() > 0) {
                    share = amount.divide(orderTotal, MathContext.DECIMAL64);
                }
            }
            out.add(new Observation(path, sample, amount, share));
        });
        return out;
    }

    /**
     * The suggestion for a field after {@code samples} numeric observations: a channel fee when it was
     * present in every observed order, always above 0 and under 5 % of the order total, not constant,
     * and proportional to the total (its share moved by less than half between orders).
     */
    public static String suggest(long occurrences, long numericSamples, long smallShareSamples, BigDecimal minAmount,
            BigDecimal maxAmount, BigDecimal minShare, BigDecimal maxShare, int minSamples) {
        if (numericSamples < minSamples || numericSamples != occurrences || smallShareSamples != numericSamples) {
            return null;
        }
        if (minAmount == null || maxAmount == null || minAmount.compareTo(maxAmount) == 0) {
            return null; // a constant is a code or a flag, not an amount that tracks the order
        }
        if (minShare == null || maxShare == null || minShare.signum() <= 0
                || maxShare.divide(minShare, MathContext.DECIMAL64).compareTo(new BigDecimal("1.5")) > 0) {
            return null;
        }
        return "CHANNEL_FEE";
    }

    public static boolean smallShare(BigDecimal share) {
        return share != null && share.signum() > 0 && share.compareTo(FEE_SHARE) < 0;
    }

    static boolean isKnown(String path, Set<String> known) {
        if (known.contains(path)) {
            return true;
        }
        for (String k : known) {
            if (path.startsWith(k + ".") || path.startsWith(k + "[*]")) {
                return true; // below a mapped object or list (e.g. a JSON string field read as a whole)
            }
        }
        return false;
    }

    /** {@code a.0.b} and {@code a.*.b} → {@code a[*].b}, as leaves are named. */
    static String normalise(String path) {
        return path.replaceAll("\\.(\\d+|\\*)(?=\\.|$)", "[*]");
    }

    private static boolean looksDecimal(JsonNode value) {
        return value.isTextual() && value.asText().trim().matches("-?\\d{1,12}\\.\\d{1,4}");
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private UnknownFields() {
    }
}
