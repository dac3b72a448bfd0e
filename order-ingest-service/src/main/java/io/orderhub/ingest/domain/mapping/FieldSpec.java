package io.orderhub.ingest.domain.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a standard field comes from in a channel document. The JSON forms of a mapping file:
 * <ul>
 *   <li>{@code "total_price"} — a dotted path ({@code "a.b.0.c"}; numeric segments index arrays; a
 *       string holding JSON is parsed when the path goes on into it);</li>
 *   <li>{@code ["sku", {"path": "variant_id", "prefix": "VARIANT-"}]} — alternatives, the first present wins;</li>
 *   <li>{@code {"const": "CNY"}} — a constant;</li>
 *   <li>{@code {"join": ["address1", "address2"], "separator": " "}} — the present parts joined;</li>
 *   <li>{@code {"path": "sum_amount", "perQuantity": true}} — for a line's unit price given as a line total.</li>
 * </ul>
 */
public final class FieldSpec {
    private final String path;
    private final String constant;
    private final List<FieldSpec> alternatives;
    private final List<FieldSpec> join;
    private final String separator;
    private final String prefix;
    private final boolean perQuantity;

    private FieldSpec(String path, String constant, List<FieldSpec> alternatives, List<FieldSpec> join, String separator,
            String prefix, boolean perQuantity) {
        this.path = path;
        this.constant = constant;
        this.alternatives = alternatives;
        this.join = join;
        this.separator = separator;
        this.prefix = prefix;
        this.perQuantity = perQuantity;
    }

    public static FieldSpec path(String path) {
        return new FieldSpec(path, null, null, null, null, null, false);
    }

    /** Parses a spec; {@code where} names its place in the mapping for error messages. Null or JSON null → null. */
    public static FieldSpec parse(JsonNode spec, String where) {
        if (spec == null || spec.isNull() || spec.isMissingNode()) {
            return null;
        }
        if (spec.isTextual()) {
            if (spec.asText().isBlank()) {
                throw new InvalidMappingException(where + ": a path must not be blank");
            }
            return path(spec.asText());
        }
        if (spec.isArray()) {
            List<FieldSpec> alternatives = new ArrayList<>();
            for (int i = 0; i < spec.size(); i++) {
                FieldSpec alternative = parse(spec.get(i), where + "[" + i + "]");
                if (alternative != null) {
                    alternatives.add(alternative);
                }
            }
            if (alternatives.isEmpty()) {
                throw new InvalidMappingException(where + ": list at least one path");
            }
            return new FieldSpec(null, null, List.copyOf(alternatives), null, null, null, false);
        }
        if (spec.isObject()) {
            for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!List.of("path", "const", "join", "separator", "prefix", "perQuantity").contains(name)) {
                    throw new InvalidMappingException(where + ": unknown key '" + name
                            + "' (use path, const, join, separator, prefix or perQuantity)");
                }
            }
            String prefix = spec.hasNonNull("prefix") ? spec.get("prefix").asText() : null;
            boolean perQuantity = spec.path("perQuantity").asBoolean(false);
            if (spec.has("const")) {
                return new FieldSpec(null, spec.get("const").asText(), null, null, null, prefix, perQuantity);
            }
            if (spec.has("join")) {
                JsonNode parts = spec.get("join");
                if (!parts.isArray() || parts.isEmpty()) {
                    throw new InvalidMappingException(where + ".join: list the paths to join");
                }
                List<FieldSpec> list = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                    list.add(parse(parts.get(i), where + ".join[" + i + "]"));
                }
                String separator = spec.hasNonNull("separator") ? spec.get("separator").asText() : " ";
                return new FieldSpec(null, null, null, List.copyOf(list), separator, prefix, perQuantity);
            }
            if (spec.hasNonNull("path") && spec.get("path").isTextual() && !spec.get("path").asText().isBlank()) {
                return new FieldSpec(spec.get("path").asText(), null, null, null, null, prefix, perQuantity);
            }
            throw new InvalidMappingException(where + ": give a path, a const or a join");
        }
        throw new InvalidMappingException(where + ": expected a path string, a list of alternatives or an object, not " + spec);
    }

    /** The value in {@code context}, or null when it is absent, JSON null or a blank string. */
    public JsonNode resolve(JsonNode context) {
        JsonNode value;
        if (constant != null) {
            value = TextNode.valueOf(constant);
        } else if (path != null) {
            value = JsonPaths.at(context, path);
        } else if (alternatives != null) {
            value = null;
            for (FieldSpec alternative : alternatives) {
                value = alternative.resolve(context);
                if (value != null) {
                    return value; // the alternative applied its own prefix
                }
            }
        } else {
            StringBuilder joined = new StringBuilder();
            for (FieldSpec part : join) {
                JsonNode v = part.resolve(context);
                if (v != null) {
                    if (!joined.isEmpty()) {
                        joined.append(separator);
                    }
                    joined.append(v.asText().trim());
                }
            }
            value = joined.isEmpty() ? null : TextNode.valueOf(joined.toString());
        }
        if (!JsonPaths.present(value)) {
            return null;
        }
        return prefix == null ? value : TextNode.valueOf(prefix + value.asText());
    }

    /**
     * Whether the value found in {@code context} is a line total to divide by the quantity: among alternatives, only the
     * one that supplied the value decides ({@code ["pricePerSku", {"path": "totalPaidAmount", "perQuantity": true}]}
     * divides the total, never the unit price).
     */
    public boolean perQuantityAt(JsonNode context) {
        if (alternatives != null) {
            for (FieldSpec alternative : alternatives) {
                if (alternative.resolve(context) != null) {
                    return alternative.perQuantityAt(context);
                }
            }
            return false;
        }
        return perQuantity;
    }

    /** The paths this spec reads, for messages and for telling known from unknown fields. */
    public List<String> paths() {
        List<String> out = new ArrayList<>();
        if (path != null) {
            out.add(path);
        }
        if (alternatives != null) {
            alternatives.forEach(a -> out.addAll(a.paths()));
        }
        if (join != null) {
            join.forEach(j -> out.addAll(j.paths()));
        }
        return out;
    }

    public String describe() {
        if (constant != null) {
            return "const '" + constant + "'";
        }
        List<String> p = paths();
        return p.size() == 1 ? p.get(0) : p.toString();
    }

    static Map<String, FieldSpec> parseAll(JsonNode object, String where, List<String> allowed) {
        Map<String, FieldSpec> out = new java.util.LinkedHashMap<>();
        if (object == null || object.isNull() || object.isMissingNode()) {
            return out;
        }
        if (!object.isObject()) {
            throw new InvalidMappingException(where + ": expected an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!allowed.contains(e.getKey())) {
                throw new InvalidMappingException(where + ": unknown field '" + e.getKey() + "' (known: " + allowed + ")");
            }
            FieldSpec spec = parse(e.getValue(), where + "." + e.getKey());
            if (spec != null) {
                out.put(e.getKey(), spec);
            }
        }
        return out;
    }
}
