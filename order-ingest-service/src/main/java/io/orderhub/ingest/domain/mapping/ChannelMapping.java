package io.orderhub.ingest.domain.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.Address;
import io.orderhub.contract.payload.OrderLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One channel's vocabulary as data (DESIGN.md "Channel vocabulary"): field paths → standard fields,
 * channel statuses → standard state, funding and conditions, channel fee names → standard fee types,
 * the amount unit and the time format. Parsed from {@code mappings/<channel>.json} (or the copy an
 * admin edited over REST) and applied to a channel document by {@link #map}. Plain Java, no I/O.
 *
 * <p>Status rules are tried in order; every rule whose {@code when} holds contributes: the first
 * one giving a {@code state} sets the state, the first giving a {@code funding} sets the funding, and
 * all {@code conditions} add up. In {@code when}, a JSON {@code null} matches an absent/null/blank
 * field and {@code "*"} matches any present value; other values compare as text.
 */
public final class ChannelMapping {
    public enum AmountUnit {
        /** "95.72", 86.9: yuan / dollars. */
        MAJOR,
        /** 21380: fen / cents. */
        MINOR
    }

    public enum TimeFormat {
        /** 2026-11-19T10:23:45-05:00 */
        ISO_OFFSET,
        /** 1795013735 */
        EPOCH_SECONDS,
        /** 1795095368000 */
        EPOCH_MILLIS,
        /** 2026-11-18 20:14:32 in {@code time.zone} (pattern {@code time.pattern}) */
        LOCAL
    }

    static final List<String> ORDER_FIELDS = List.of("channelOrderId", "channelStatus", "total", "currency", "createdAt",
            "paidAt", "updatedAt");
    static final List<String> LINE_FIELDS = List.of("path", "lineId", "sku", "title", "quantity", "unitPrice");
    static final List<String> ADDRESS_FIELDS = List.of("path", "name", "phone", "country", "province", "city", "district",
            "detail", "postalCode");
    static final List<String> TOP_LEVEL = List.of("channel", "version", "description", "formField", "root", "amountUnit",
            "time", "fields", "lines", "address", "fees", "statusRules", "notes");

    private final String channel;
    private final String formField;
    private final String root;
    private final AmountUnit amountUnit;
    private final TimeFormat timeFormat;
    private final ZoneId zone;
    private final DateTimeFormatter pattern;
    private final Map<String, FieldSpec> fields;
    private final String linesPath;
    private final Map<String, FieldSpec> lineFields;
    private final String addressPath;
    private final Map<String, FieldSpec> addressFields;
    private final List<Fee> fees;
    private final List<StatusRule> rules;

    /** A fee: one amount field, or a list of named amounts (e.g. coupons) whose names map to types. */
    public record Fee(String type, FieldSpec amount, String listPath, FieldSpec name, FieldSpec itemAmount,
            Map<String, String> types, boolean negate) {
    }

    public record StatusRule(Map<String, List<String>> when, OrderState state, FundingStatus funding,
            Set<String> conditions) {

        boolean matches(JsonNode order) {
            for (Map.Entry<String, List<String>> condition : when.entrySet()) {
                String path = condition.getKey();
                List<String> texts = new ArrayList<>();
                if (path.contains("*")) {
                    // per-line fields: the rule holds if any line matches
                    for (JsonNode v : JsonPaths.all(order, path)) {
                        texts.add(JsonPaths.present(v) ? v.asText() : null);
                    }
                } else {
                    JsonNode v = JsonPaths.at(order, path);
                    texts.add(JsonPaths.present(v) ? v.asText() : null);
                }
                if (texts.stream().noneMatch(text -> accepts(condition.getValue(), text))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean accepts(List<String> expected, String text) {
            for (String e : expected) {
                if (e == null ? text == null : e.equals("*") ? text != null : e.equals(text)) {
                    return true;
                }
            }
            return false;
        }
    }

    private ChannelMapping(String channel, String formField, String root, AmountUnit amountUnit, TimeFormat timeFormat, ZoneId zone,
            DateTimeFormatter pattern, Map<String, FieldSpec> fields, String linesPath, Map<String, FieldSpec> lineFields,
            String addressPath, Map<String, FieldSpec> addressFields, List<Fee> fees, List<StatusRule> rules) {
        this.channel = channel;
        this.formField = formField;
        this.root = root;
        this.amountUnit = amountUnit;
        this.timeFormat = timeFormat;
        this.zone = zone;
        this.pattern = pattern;
        this.fields = fields;
        this.linesPath = linesPath;
        this.lineFields = lineFields;
        this.addressPath = addressPath;
        this.addressFields = addressFields;
        this.fees = fees;
        this.rules = rules;
    }

    public String channel() {
        return channel;
    }

    public List<StatusRule> rules() {
        return rules;
    }

    // ------------------------------------------------------------------------------------------ parsing

    /** Reads and checks a mapping document; {@link InvalidMappingException} says what to fix. */
    public static ChannelMapping parse(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new InvalidMappingException("a mapping is a JSON object with channel, fields, lines and statusRules");
        }
        for (Iterator<String> names = doc.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw new InvalidMappingException("unknown top-level field '" + name + "' (known: " + TOP_LEVEL + ")");
            }
        }
        String channel = text(doc, "channel");
        if (channel == null) {
            throw new InvalidMappingException("channel: name the channel, e.g. \"shopify\"");
        }
        String root = text(doc, "root");
        AmountUnit unit = enumValue(AmountUnit.class, text(doc, "amountUnit"), "amountUnit", AmountUnit.MAJOR);
        JsonNode time = doc.path("time");
        TimeFormat format = enumValue(TimeFormat.class, text(time, "format"), "time.format", TimeFormat.ISO_OFFSET);
        ZoneId zone = null;
        DateTimeFormatter pattern = null;
        if (format == TimeFormat.LOCAL) {
            String z = text(time, "zone");
            if (z == null) {
                throw new InvalidMappingException("time.zone: local times need a zone, e.g. \"Asia/Shanghai\"");
            }
            try {
                zone = ZoneId.of(z);
                pattern = DateTimeFormatter.ofPattern(text(time, "pattern") == null ? "yyyy-MM-dd HH:mm:ss" : text(time, "pattern"));
            } catch (DateTimeException | IllegalArgumentException e) {
                throw new InvalidMappingException("time: " + e.getMessage());
            }
        }
        Map<String, FieldSpec> fields = FieldSpec.parseAll(doc.get("fields"), "fields", ORDER_FIELDS);
        for (String required : List.of("channelOrderId", "total", "currency", "updatedAt")) {
            if (!fields.containsKey(required)) {
                throw new InvalidMappingException("fields." + required + ": every mapping must say where " + required + " comes from");
            }
        }
        JsonNode lines = doc.path("lines");
        String linesPath = text(lines, "path");
        if (linesPath == null) {
            throw new InvalidMappingException("lines.path: name the array of order lines, e.g. \"line_items\"");
        }
        Map<String, FieldSpec> lineFields = FieldSpec.parseAll(withoutPath(lines), "lines", LINE_FIELDS);
        for (String required : List.of("sku", "quantity", "unitPrice")) {
            if (!lineFields.containsKey(required)) {
                throw new InvalidMappingException("lines." + required + ": every mapping must say where a line's " + required + " comes from");
            }
        }
        JsonNode address = doc.path("address");
        String addressPath = text(address, "path");
        Map<String, FieldSpec> addressFields = FieldSpec.parseAll(withoutPath(address), "address", ADDRESS_FIELDS);

        List<Fee> fees = new ArrayList<>();
        JsonNode feeNodes = doc.path("fees");
        for (int i = 0; i < feeNodes.size(); i++) {
            fees.add(fee(feeNodes.get(i), "fees[" + i + "]"));
        }
        List<StatusRule> rules = new ArrayList<>();
        JsonNode ruleNodes = doc.path("statusRules");
        if (!ruleNodes.isArray() || ruleNodes.isEmpty()) {
            throw new InvalidMappingException("statusRules: list the rules that turn channel statuses into hub states");
        }
        for (int i = 0; i < ruleNodes.size(); i++) {
            rules.add(rule(ruleNodes.get(i), "statusRules[" + i + "]"));
        }
        if (rules.stream().noneMatch(r -> r.state() != null)) {
            throw new InvalidMappingException("statusRules: at least one rule must give a state");
        }
        return new ChannelMapping(channel, text(doc, "formField"), root, unit, format, zone, pattern, fields, linesPath, lineFields,
                addressPath, addressFields, List.copyOf(fees), List.copyOf(rules));
    }

    private static Fee fee(JsonNode node, String where) {
        String type = text(node, "type");
        if (node.has("list")) {
            String listPath = text(node, "list");
            FieldSpec name = FieldSpec.parse(node.get("name"), where + ".name");
            FieldSpec amount = FieldSpec.parse(node.get("amount"), where + ".amount");
            if (name == null || amount == null) {
                throw new InvalidMappingException(where + ": a fee list needs name and amount paths inside each element");
            }
            Map<String, String> types = new LinkedHashMap<>();
            node.path("types").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().asText()));
            if (types.isEmpty() && type == null) {
                throw new InvalidMappingException(where + ": map the fee names to types (\"types\": {\"达人佣金\": \"CHANNEL_FEE\"}) or give one type");
            }
            return new Fee(type, null, listPath, name, amount, Map.copyOf(types), node.path("negate").asBoolean(false));
        }
        FieldSpec amount = FieldSpec.parse(node.get("path"), where + ".path");
        if (amount == null || type == null) {
            throw new InvalidMappingException(where + ": a fee needs a path and a type, e.g. {\"path\": \"post_fee\", \"type\": \"SHIPPING\"}");
        }
        return new Fee(type, amount, null, null, null, Map.of(), node.path("negate").asBoolean(false));
    }

    private static StatusRule rule(JsonNode node, String where) {
        Map<String, List<String>> when = new LinkedHashMap<>();
        JsonNode w = node.path("when");
        if (!w.isObject()) {
            throw new InvalidMappingException(where + ".when: give the field values the rule applies to, e.g. {\"status\": [\"WAIT_SELLER_SEND_GOODS\"]}");
        }
        w.fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.isNull() ? null : v.asText()));
            } else {
                values.add(e.getValue().isNull() ? null : e.getValue().asText());
            }
            when.put(e.getKey(), Collections.unmodifiableList(values));
        });
        OrderState state = enumValue(OrderState.class, text(node, "state"), where + ".state", null);
        FundingStatus funding = enumValue(FundingStatus.class, text(node, "funding"), where + ".funding", null);
        Set<String> conditions = new LinkedHashSet<>();
        node.path("conditions").forEach(c -> conditions.add(c.asText()));
        if (state == null && funding == null && conditions.isEmpty()) {
            throw new InvalidMappingException(where + ": a rule must give a state, a funding or conditions");
        }
        return new StatusRule(Collections.unmodifiableMap(when), state, funding, Set.copyOf(conditions));
    }

    private static JsonNode withoutPath(JsonNode node) {
        if (node == null || !node.isObject()) {
            return node;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
        copy.remove("path");
        return copy;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidMappingException(where + ": '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    // ------------------------------------------------------------------------------------------ mapping

    /**
     * The channel document inside a delivery body: the body itself, or — for channels whose pushes are
     * forms ({@code formField}, e.g. JD's {@code 360buy_param_json}) — the JSON in that form field.
     */
    public JsonNode document(byte[] body) {
        if (formField == null) {
            return JsonPaths.parse(body);
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
        if (text.startsWith("{") || text.startsWith("[")) {
            return JsonPaths.parse(body); // a document posted as JSON
        }
        String value = null;
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            if (key.equals(formField)) {
                value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        if (value == null || value.isBlank()) {
            throw new MappingException("the form has no '" + formField + "' field holding the " + channel + " document");
        }
        return JsonPaths.parse(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Maps one channel document (already parsed) to a snapshot; {@link MappingException} says what is wrong. */
    public OrderSnapshot map(String shop, JsonNode document) {
        JsonNode order = root == null ? document : JsonPaths.at(document, root);
        if (!JsonPaths.present(order) || !order.isObject()) {
            throw new MappingException(MappingException.Kind.NOT_AN_ORDER, "no order object at '" + (root == null ? "$" : root)
                    + "': this is not a " + channel + " order document");
        }
        String channelOrderId = requiredText(order, "channelOrderId");
        String currency = requiredText(order, "currency");
        Instant updatedAt = time(order, "updatedAt", true);

        // status, funding, conditions
        OrderState state = null;
        FundingStatus funding = null;
        Set<String> conditions = new TreeSet<>();
        for (StatusRule rule : rules) {
            if (rule.matches(order)) {
                if (state == null && rule.state() != null) {
                    state = rule.state();
                }
                if (funding == null && rule.funding() != null) {
                    funding = rule.funding();
                }
                conditions.addAll(rule.conditions());
            }
        }
        String channelStatus = optionalText(order, "channelStatus");
        if (state == null) {
            throw new MappingException(MappingException.Kind.UNMAPPED, "no status rule of the " + channel + " mapping matches channel status '"
                    + channelStatus + "' (" + whenFieldsOf(order) + "); add a rule with PUT /mappings/" + channel
                    + " and replay the payload");
        }
        if (funding == null) {
            funding = state == OrderState.PENDING_PAYMENT || state == OrderState.CLOSED ? FundingStatus.NONE : FundingStatus.FULLY_PAID;
        }

        Money total = new Money(amount(fields.get("total"), order, "total", true), currency);
        Map<String, Money> feeAmounts = fees(order, currency);
        List<OrderLine> lines = lines(order, currency);
        Address shipTo = address(order);
        Instant createdAt = time(order, "createdAt", false);
        Instant paidAt = funding == FundingStatus.NONE ? null : time(order, "paidAt", false);
        return new OrderSnapshot(channel, shop, channelOrderId, channelStatus, state,
                Collections.unmodifiableSet(conditions), funding, total, feeAmounts, shipTo, lines, createdAt, paidAt, updatedAt);
    }

    private String whenFieldsOf(JsonNode order) {
        Set<String> paths = new LinkedHashSet<>();
        rules.forEach(r -> paths.addAll(r.when().keySet()));
        List<String> parts = new ArrayList<>();
        for (String p : paths) {
            JsonNode v = JsonPaths.at(order, p);
            parts.add(p + "=" + (JsonPaths.present(v) ? v.asText() : "null"));
        }
        return String.join(", ", parts);
    }

    private List<OrderLine> lines(JsonNode order, String currency) {
        JsonNode array = JsonPaths.at(order, linesPath);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new MappingException("'" + linesPath + "' holds no order lines: an order needs at least one line to be fulfilled");
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode line = array.get(i);
            String where = linesPath + "." + i + ".";
            JsonNode id = resolve(lineFields.get("lineId"), line);
            JsonNode sku = resolve(lineFields.get("sku"), line);
            if (sku == null) {
                throw new MappingException(where + describe(lineFields.get("sku")) + ": the line has no SKU code");
            }
            JsonNode title = resolve(lineFields.get("title"), line);
            int quantity = quantity(line, where);
            BigDecimal price = amount(lineFields.get("unitPrice"), line, where + "unitPrice", true);
            if (lineFields.get("unitPrice").perQuantityAt(line) && quantity > 0) {
                price = price.divide(BigDecimal.valueOf(quantity), Math.max(2, price.scale()), RoundingMode.HALF_UP);
            }
            lines.add(new OrderLine(id == null ? String.valueOf(i + 1) : id.asText(), sku.asText().trim(),
                    title == null ? null : title.asText(), quantity, new Money(price, currency)));
        }
        return List.copyOf(lines);
    }

    private int quantity(JsonNode line, String where) {
        JsonNode q = resolve(lineFields.get("quantity"), line);
        if (q == null) {
            throw new MappingException(where + describe(lineFields.get("quantity")) + ": the line has no quantity");
        }
        try {
            BigDecimal value = q.isNumber() ? q.decimalValue() : new BigDecimal(q.asText().trim());
            return value.intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new MappingException(where + describe(lineFields.get("quantity")) + ": '" + q.asText() + "' is not a whole quantity");
        }
    }

    private Address address(JsonNode order) {
        if (addressFields.isEmpty()) {
            return null;
        }
        JsonNode a = addressPath == null ? order : JsonPaths.at(order, addressPath);
        if (!JsonPaths.present(a)) {
            return null;
        }
        Address address = new Address(addressText(a, "name"), addressText(a, "phone"), addressText(a, "country"),
                addressText(a, "province"), addressText(a, "city"), addressText(a, "district"), addressText(a, "detail"),
                addressText(a, "postalCode"));
        boolean empty = address.name() == null && address.phone() == null && address.province() == null
                && address.city() == null && address.detail() == null;
        return empty ? null : address;
    }

    private String addressText(JsonNode a, String field) {
        JsonNode v = resolve(addressFields.get(field), a);
        return v == null ? null : v.asText().trim();
    }

    private Map<String, Money> fees(JsonNode order, String currency) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (Fee fee : fees) {
            if (fee.listPath() == null) {
                BigDecimal value = amount(fee.amount(), order, "fee " + fee.type(), false);
                add(sums, fee.type(), value, fee.negate());
                continue;
            }
            JsonNode list = JsonPaths.at(order, fee.listPath());
            if (list == null || !list.isArray()) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                JsonNode name = fee.name().resolve(item);
                String type = name == null ? null : fee.types().get(name.asText());
                if (type == null) {
                    type = fee.type();
                }
                if (type == null) {
                    continue; // an unknown fee name: counted as an unknown field, suggested to an admin
                }
                add(sums, type, amount(fee.itemAmount(), item, fee.listPath() + "." + i, false), fee.negate());
            }
        }
        Map<String, Money> out = new LinkedHashMap<>();
        sums.forEach((type, sum) -> out.put(type, new Money(sum, currency)));
        return Collections.unmodifiableMap(out);
    }

    private static void add(Map<String, BigDecimal> sums, String type, BigDecimal value, boolean negate) {
        if (value == null || value.signum() == 0) {
            return;
        }
        sums.merge(type, negate ? value.negate() : value, BigDecimal::add);
    }

    /** Names of the fee list items this mapping does not know, e.g. a new 达人佣金 entry. */
    public Map<String, BigDecimal> unknownFeeNames(JsonNode document) {
        JsonNode order = root == null ? document : JsonPaths.at(document, root);
        Map<String, BigDecimal> unknown = new LinkedHashMap<>();
        for (Fee fee : fees) {
            if (fee.listPath() == null || fee.type() != null) {
                continue;
            }
            JsonNode list = JsonPaths.at(order, fee.listPath());
            if (list == null || !list.isArray()) {
                continue;
            }
            for (JsonNode item : list) {
                JsonNode name = fee.name().resolve(item);
                if (name != null && !fee.types().containsKey(name.asText())) {
                    try {
                        unknown.merge(name.asText(), amount(fee.itemAmount(), item, fee.listPath(), false), BigDecimal::add);
                    } catch (MappingException | NullPointerException e) {
                        unknown.putIfAbsent(name.asText(), BigDecimal.ZERO);
                    }
                }
            }
        }
        return unknown;
    }

    /** Every path this mapping reads, relative to the order object (lines and address prefixed). */
    public Set<String> knownPaths() {
        Set<String> known = new LinkedHashSet<>();
        fields.values().forEach(f -> known.addAll(f.paths()));
        lineFields.values().forEach(f -> f.paths().forEach(p -> known.add(linesPath + "[*]." + p)));
        addressFields.values().forEach(f -> f.paths().forEach(p -> known.add(addressPath == null ? p : addressPath + "." + p)));
        for (Fee fee : fees) {
            if (fee.amount() != null) {
                known.addAll(fee.amount().paths());
            }
            if (fee.listPath() != null) {
                fee.name().paths().forEach(p -> known.add(fee.listPath() + "[*]." + p));
                fee.itemAmount().paths().forEach(p -> known.add(fee.listPath() + "[*]." + p));
            }
        }
        rules.forEach(r -> known.addAll(r.when().keySet()));
        return known;
    }

    /** The order object of a document (below {@code root}). */
    public JsonNode orderOf(JsonNode document) {
        return root == null ? document : JsonPaths.at(document, root);
    }

    /** Converts an amount in this channel's unit to major units (yuan, dollars). */
    public BigDecimal toMajor(BigDecimal value) {
        return amountUnit == AmountUnit.MINOR ? value.movePointLeft(2).setScale(Math.max(2, value.scale()), RoundingMode.UNNECESSARY) : value;
    }

    private BigDecimal amount(FieldSpec spec, JsonNode context, String name, boolean required) {
        JsonNode v = resolve(spec, context);
        if (v == null) {
            if (required) {
                throw new MappingException(name + " (" + describe(spec) + ") is missing");
            }
            return null;
        }
        BigDecimal value;
        try {
            value = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new MappingException(name + " (" + describe(spec) + "): '" + v.asText() + "' is not an amount");
        }
        return toMajor(value);
    }

    private Instant time(JsonNode order, String field, boolean required) {
        FieldSpec spec = fields.get(field);
        JsonNode v = resolve(spec, order);
        if (v == null) {
            if (required) {
                throw new MappingException(field + " (" + describe(spec) + ") is missing: without the channel's "
                        + "modification time an older update could overwrite a newer one");
            }
            return null;
        }
        try {
            Instant t = switch (timeFormat) {
                case ISO_OFFSET -> OffsetDateTime.parse(v.asText().trim()).toInstant();
                case EPOCH_SECONDS -> epoch(v, false);
                case EPOCH_MILLIS -> epoch(v, true);
                case LOCAL -> LocalDateTime.parse(v.asText().trim(), pattern).atZone(zone).toInstant();
            };
            // "0", "0001-01-01 00:00:00" and 1970 mean "not set" on the Chinese platforms
            if (t == null || t.getEpochSecond() <= 86_400L * 366) {
                if (required) {
                    throw new MappingException(field + " (" + describe(spec) + ") is not set ('" + v.asText() + "')");
                }
                return null;
            }
            return t;
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new MappingException(field + " (" + describe(spec) + "): '" + v.asText() + "' is not a "
                    + timeFormat + " time" + (timeFormat == TimeFormat.LOCAL ? " (" + zone + ")" : ""));
        }
    }

    private static Instant epoch(JsonNode v, boolean millis) {
        long n = v.isNumber() ? v.longValue() : Long.parseLong(v.asText().trim());
        return millis ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }

    private String requiredText(JsonNode order, String field) {
        String value = optionalText(order, field);
        if (value == null) {
            throw new MappingException(field + " (" + describe(fields.get(field)) + ") is missing from the " + channel + " document");
        }
        return value;
    }

    private String optionalText(JsonNode order, String field) {
        JsonNode v = resolve(fields.get(field), order);
        return v == null ? null : v.asText().trim();
    }

    private static JsonNode resolve(FieldSpec spec, JsonNode context) {
        return spec == null ? null : spec.resolve(context);
    }

    private static String describe(FieldSpec spec) {
        return spec == null ? "not mapped" : spec.describe();
    }
}
