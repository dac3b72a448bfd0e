package io.orderhub.fault;

import io.orderhub.devstack.Stack;
import io.orderhub.devstack.jwt.DevKeys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Internal REST refuses requests without a valid token or with the wrong role; secrets (the shops' signing
 * secret, bearer tokens, the JWT signing key, the database password) appear in no log and no error body; SQL and
 * header injection change nothing.
 */
final class SecurityChecks {
    /** A JWT as it would appear if someone logged a bearer token. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}");

    private record Endpoint(String service, String method, String path, String body) {
    }

    private static final List<Endpoint> READS = List.of(
            new Endpoint("order-ingest-service", "GET", "/channel-orders/shopify/demo/1", null),
            new Endpoint("order-ingest-service", "GET", "/quarantine", null),
            new Endpoint("order-ingest-service", "GET", "/pulls", null),
            new Endpoint("order-state-service", "GET", "/orders", null),
            new Endpoint("order-state-service", "GET", "/manual-review", null),
            new Endpoint("inventory-service", "GET", "/stock/" + OrderDriver.PLENTIFUL.get(0), null),
            new Endpoint("reconciliation-service", "GET", "/discrepancies", null),
            new Endpoint("reconciliation-service", "GET", "/credibility", null),
            new Endpoint("returns-service", "GET", "/returns/00000000-0000-0000-0000-000000000000", null),
            new Endpoint("alerting-service", "GET", "/alerts", null),
            new Endpoint("alerting-service", "GET", "/breaker", null));

    /** A table an injection would hit, and the expression (as text) that keys its rows. */
    private record Counted(String service, String table, String key) {
        String name() {
            return service + "." + table;
        }
    }

    private static final List<Counted> COUNTED = List.of(
            new Counted("order-state-service", "orders", "global_order_id"),
            new Counted("order-state-service", "order_audit", "id::text"),
            new Counted("inventory-service", "stock_item", "warehouse || '/' || sku"),
            new Counted("inventory-service", "reservation", "id::text"),
            new Counted("order-ingest-service", "channel_order", "channel || ':' || shop || ':' || channel_order_id"),
            new Counted("order-ingest-service", "shop_credential", "channel || ':' || shop"));
    /** The column label under which {@link #rows} returns a row's key. */
    private static final String KEY = "row_key";
    /** Legitimate new rows logged one by one per table; the rest are counted by writer. */
    private static final int LOGGED_ROWS = 25;

    /** A role the endpoint does not allow, with a body it would otherwise accept. */
    private static final Map<Endpoint, String> WRONG_ROLE = new LinkedHashMap<>();

    static {
        WRONG_ROLE.put(new Endpoint("inventory-service", "PUT", "/stock/WH-FUZZ/FZ-SECURITY", "{\"onHand\": 1}"), "cs");
        WRONG_ROLE.put(new Endpoint("order-ingest-service", "PUT", "/mappings/shopify", "{}"), "ops");
        WRONG_ROLE.put(new Endpoint("order-ingest-service", "GET", "/quarantine", null), "cs");
        WRONG_ROLE.put(new Endpoint("order-state-service", "POST", "/orders/OH2026ZZZZZZZZ/actions/print-label",
                "{\"carrier\":\"SF\",\"trackingNumber\":\"SF1\"}"), "finance");
        WRONG_ROLE.put(new Endpoint("order-state-service", "POST", "/orders/OH2026ZZZZZZZZ/actions/cancel", "{}"), "warehouse");
        WRONG_ROLE.put(new Endpoint("alerting-service", "PUT", "/sla-policy", "{\"rules\": []}"), "cs");
        WRONG_ROLE.put(new Endpoint("alerting-service", "POST", "/alerts", "{\"severity\":\"info\",\"team\":\"ops\",\"summary\":\"x\"}"), "warehouse");
        WRONG_ROLE.put(new Endpoint("alerting-service", "GET", "/deliveries", null), "cs");
    }

    private final Stack stack;
    private final Http http;
    private final Figures figures;
    private final String shopSecret;
    private Map<Counted, Set<String>> rowsBefore;
    private Instant fuzzStarted;

    SecurityChecks(Stack stack, Http http, Figures figures, String shopSecret) {
        this.stack = stack;
        this.http = http;
        this.figures = figures;
        this.shopSecret = shopSecret;
    }

    /** Tokens: none, garbage, signed by someone else's key → 401; a real token with the wrong role → 403. */
    void tokens() {
        String foreign = DevKeys.generate().token("admin");
        for (Endpoint e : READS) {
            expect(e, null, 401, "no token");
            expect(e, "not-a-jwt", 401, "garbage token");
            expect(e, foreign, 401, "token signed by a foreign key");
        }
        WRONG_ROLE.forEach((e, role) -> expect(e, stack.token(role), 403, "role " + role));
    }

    private void expect(Endpoint e, String token, int status, String what) {
        String url = stack.url(e.service) + e.path;
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (e.body != null) {
            headers.put("Content-Type", "application/json");
        }
        Http.Answer a = http.raw(e.method, url, headers, e.body == null ? null : e.body.getBytes(StandardCharsets.UTF_8));
        figures.inc("security checks");
        if (a.status() != status || !a.problem()) {
            figures.bad("security failures", e.method + " " + e.service + e.path + " with " + what + " answered " + a.status() + " "
                    + a.contentType() + " (want " + status + " problem+json)");
        }
    }

    /** A CR LF in a path or parameter never becomes a response header. */
    void responseSplitting() {
        HttpClient client = HttpClient.newHttpClient();
        for (Stack.Service s : Stack.SERVICES) {
            for (String path : List.of("/orders/x%0d%0aSet-Cookie:%20injected=1", "/stock/x%0d%0aX-Injected:%20yes",
                    "/webhooks/shopify/demo%0d%0aX-Injected:%20yes")) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(stack.url(s) + path)).timeout(Http.TIMEOUT)
                            .header("Authorization", "Bearer " + stack.token("ops")).GET().build(), HttpResponse.BodyHandlers.ofString());
                    figures.inc("security checks");
                    boolean injected = r.headers().map().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("X-Injected"))
                            || r.headers().allValues("Set-Cookie").stream().anyMatch(v -> v.contains("injected"));
                    if (injected || r.statusCode() >= 500) {
                        figures.bad("security failures", s.name() + path + " answered " + r.statusCode() + " with headers " + r.headers().map());
                    }
                } catch (IOException e) {
                    figures.bad("hangs", s.name() + path + ": " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Which rows were there before the fuzzer (by key, per table), and when it began. */
    void rememberRows() {
        fuzzStarted = Instant.now();
        rowsBefore = new LinkedHashMap<>();
        for (Counted t : COUNTED) {
            rowsBefore.put(t, keys(t));
        }
    }

    /**
     * SQL in paths, parameters, headers and bodies changed nothing: no row of the tables an injection would hit
     * vanished, and every row that appeared meanwhile was written by something other than the fuzzer. The hub is not
     * frozen while the fuzzer runs — the outbound worker sends the write-backs still pending (they are not part of
     * {@link Invariants#awaitQuiet}), the scheduled pull fetches what the marketplace changed, a late delivery or a
     * validly signed replay is processed — so a row counts against the hub when it carries the fuzzer's input, or when
     * nothing but a request of the fuzzer can have written it. What wrote each legitimate row is logged.
     */
    void injectionsHarmless() {
        List<String> markers = Fuzzer.markers();
        Map<String, Integer> legitimate = new TreeMap<>();
        try (Connection state = connect("order-state-service"); Connection ingest = connect("order-ingest-service")) {
            for (Counted t : COUNTED) {
                figures.inc("security checks");
                Set<String> before = rowsBefore.get(t);
                Set<String> after;
                try {
                    after = keys(t);
                } catch (IllegalStateException e) {
                    figures.bad("security failures", t.name() + " cannot be read after the fuzzer: " + e.getMessage());
                    continue;
                }
                List<String> gone = before.stream().filter(k -> !after.contains(k)).sorted().toList();
                List<String> added = after.stream().filter(k -> !before.contains(k)).sorted().toList();
                FaultSuite.say(t.name() + " had " + before.size() + " rows before the fuzzer and " + after.size() + " after ("
                        + added.size() + " new, " + gone.size() + " gone)");
                if (!gone.isEmpty()) {
                    figures.bad("security failures", t.name() + " lost " + gone.size() + " of its " + before.size()
                            + " rows while the fuzzer ran, e.g. " + gone.subList(0, Math.min(5, gone.size())));
                }
                int logged = 0;
                for (Map<String, String> row : rows(t, added)) {
                    String what = describe(t, row);
                    String marker = marker(row, markers);
                    Verdict v = marker != null ? injected("it carries the fuzzer's input '" + marker + "'", "")
                            : provenance(t, row, state, ingest);
                    if (!v.legitimate) {
                        figures.bad("security failures", t.name() + " gained a row while the fuzzer ran: " + what + "; " + v.why
                                + (v.detail.isEmpty() ? "" : " (" + v.detail + ")"));
                        continue;
                    }
                    figures.inc("rows written legitimately during the fuzzer");
                    String writer = row.containsKey("actor") ? " " + row.get("kind") + " by " + row.get("actor") : "";
                    legitimate.merge(t.name() + writer + ": " + v.why, 1, Integer::sum);
                    if (logged++ < LOGGED_ROWS) {
                        FaultSuite.say("  legitimate: " + what + " — " + v.why + " (" + v.detail + ")");
                    }
                }
                if (logged > LOGGED_ROWS) {
                    FaultSuite.say("  … and " + (logged - LOGGED_ROWS) + " more legitimate rows of " + t.name());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        legitimate.forEach((what, n) -> FaultSuite.say("rows written during the fuzzer, not by it: " + n + " × " + what));
    }

    /** Whether a row that appeared while the fuzzer ran was written by something else; {@code why} names the writer. */
    private record Verdict(boolean legitimate, String why, String detail) {
    }

    private static Verdict legitimate(String why, String detail) {
        return new Verdict(true, why, detail);
    }

    private static Verdict injected(String why, String detail) {
        return new Verdict(false, why, detail);
    }

    private Verdict provenance(Counted t, Map<String, String> row, Connection state, Connection ingest) throws SQLException {
        return switch (t.table) {
            case "order_audit" -> auditProvenance(row, state, ingest);
            case "orders" -> simulatorKnows(row.get("channel"), row.get("shop"), row.get("channel_order_id"));
            case "channel_order" -> simulatorKnows(row.get("channel"), row.get("shop"), row.get("channel_order_id"));
            case "reservation" -> {
                String sku = first(state, "select sku from order_line where global_order_id = ? and line_id = ?",
                        row.get("global_order_id"), row.get("line_id"));
                yield row.get("sku").equals(sku)
                        ? legitimate("inventory reserved a line of a known order (ReservationService, from a lifecycle event)",
                        row.get("global_order_id") + " line " + row.get("line_id"))
                        : injected("no order in order-state-service has that line and SKU", "order_line " + row.get("global_order_id") + "/"
                        + row.get("line_id") + " has " + sku);
            }
            // stock rows are made only by PUT /stock (the fuzzer's target), credentials only by the start-up seeder
            default -> injected("only a request could have written it, and only the fuzzer and these checks sent requests", "");
        };
    }

    /**
     * An order_audit row: the outbound worker's outcome of a call recorded before the fuzzer, a channel snapshot that was
     * pulled or delivered before the fuzzer (or is the fuzzer's validly signed replay of a genuine delivery), or another
     * service's event. An order action over REST is not: only the fuzzer and these checks called the API meanwhile.
     */
    private Verdict auditProvenance(Map<String, String> row, Connection state, Connection ingest) throws SQLException {
        String actor = orEmpty(row.get("actor"));
        String kind = orEmpty(row.get("kind"));
        String order = row.get("global_order_id");
        if (actor.equals("service:order-state-service") && (kind.equals("WRITE_BACK") || kind.equals("WAREHOUSE"))) {
            String call = kind.equals("WRITE_BACK") ? "CHANNEL_SHIPMENT" : "WAREHOUSE_INTERCEPT";
            Instant recorded = firstInstant(state, "select min(created_at) from outbound_call where global_order_id = ? and kind = ?", order, call);
            return recorded != null && recorded.isBefore(fuzzStarted)
                    ? legitimate("the outbound worker sent a call recorded before the fuzzer (OutboundService.record; pending "
                    + "outbound calls are not part of awaitQuiet)", call + " of " + order + " recorded " + recorded)
                    : injected("an outbound call recorded while the fuzzer ran", call + " of " + order + " recorded " + recorded);
        }
        if (actor.startsWith("channel:")) {
            String rawId = null;
            try {
                rawId = Http.JSON.readTree(orEmpty(row.get("snapshot"))).path("rawPayloadId").asText(null);
            } catch (java.io.IOException e) {
                // no snapshot to follow: unexplained below
            }
            Map<String, String> raw = rawId == null ? Map.of() : rawPayload(ingest, rawId);
            if (raw.isEmpty()) {
                return injected("a channel change that names no stored channel payload", "rawPayloadId " + rawId);
            }
            String detail = "raw payload " + rawId + ", " + raw.get("source") + " delivery " + raw.get("delivery_id") + " received "
                    + raw.get("received_at") + ", " + raw.get("status");
            if ("PULL".equals(raw.get("source"))) {
                return legitimate("the scheduled pull fetched it from the marketplace simulator (PullJob)", detail);
            }
            if (Instant.parse(raw.get("received_at")).isBefore(fuzzStarted)) {
                return legitimate("a delivery received before the fuzzer, processed late (re-delivery or sweep)", detail);
            }
            if (raw.get("delivery_id").startsWith(Fuzzer.REPLAY_DELIVERY)) {
                return legitimate("the fuzzer's validly signed replay of a genuine delivery", detail);
            }
            return injected("a webhook the fuzzer sent became an order change", detail);
        }
        String trigger = orEmpty(row.get("trigger"));
        boolean rest = actor.startsWith("user:") || trigger.matches("(?s)(GET|POST|PUT|PATCH|DELETE) .*");
        if (actor.startsWith("service:") && !actor.equals("service:order-state-service") && !rest) {
            return legitimate("an event from " + actor.substring("service:".length()), trigger);
        }
        return injected(rest ? "an order change over REST, while only the fuzzer and these checks called the API"
                : "no writer the suite knows", "actor " + actor + ", trigger " + trigger);
    }

    /** A new order or channel order is one of the marketplace simulator's (a late delivery or the pull brought it in). */
    private Verdict simulatorKnows(String channel, String shop, String channelOrderId) {
        boolean known = channel != null && shop != null && channelOrderId != null
                && !stack.marketplace().history(channel, shop, channelOrderId).isEmpty();
        return known ? legitimate("an order of the marketplace simulator (a late delivery or the pull)", channel + ":" + shop + ":" + channelOrderId)
                : injected("no such order on the marketplace simulator", channel + ":" + shop + ":" + channelOrderId);
    }

    private static Map<String, String> rawPayload(Connection ingest, String id) throws SQLException {
        java.util.UUID uuid;
        try {
            uuid = java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        try (PreparedStatement ps = ingest.prepareStatement("select source, delivery_id, received_at, status from raw_payload where id = ?")) {
            ps.setObject(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                return Map.of("source", rs.getString(1), "delivery_id", rs.getString(2),
                        "received_at", rs.getTimestamp(3).toInstant().toString(), "status", rs.getString(4));
            }
        }
    }

    private static String first(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Instant firstInstant(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                java.sql.Timestamp ts = rs.next() ? rs.getTimestamp(1) : null;
                return ts == null ? null : ts.toInstant();
            }
        }
    }

    /** The first marker of the fuzzer's input that a column of the row holds, or null. */
    private static String marker(Map<String, String> row, List<String> markers) {
        for (String value : row.values()) {
            if (value == null) {
                continue;
            }
            for (String m : markers) {
                if (value.contains(m)) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The row's key and the columns that say what it is and who wrote it. */
    private static String describe(Counted t, Map<String, String> row) {
        StringBuilder sb = new StringBuilder(t.table).append(' ').append(row.get(KEY));
        for (String column : List.of("global_order_id", "channel", "channel_order_id", "kind", "from_state", "to_state", "detail",
                "actor", "trigger", "line_id", "sku", "status", "occurred_at", "created_at")) {
            String v = row.get(column);
            if (v != null && !(column.equals("global_order_id") && row.get(KEY).equals(v))) {
                sb.append(' ').append(column).append('=').append(v.length() > 120 ? v.substring(0, 120) + "…" : v);
            }
        }
        return sb.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private Set<String> keys(Counted t) {
        Set<String> out = new HashSet<>();
        try (Connection c = connect(t.service); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select " + t.key + " from " + t.table)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(t.name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The rows with these keys, every column as text, plus the key as {@link #KEY}. */
    private List<Map<String, String>> rows(Counted t, List<String> keys) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        if (keys.isEmpty()) {
            return out;
        }
        try (Connection c = connect(t.service);
             PreparedStatement ps = c.prepareStatement("select (" + t.key + ") as " + KEY + ", * from " + t.table + " where (" + t.key
                     + ") = any(?) order by 1")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getString(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private Connection connect(String service) throws SQLException {
        Stack.Service s = Invariants.service(service);
        return java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl(s.database()), stack.postgres().user(),
                stack.postgres().password());
    }

    /** No secret in any service log or in any answer the fuzzer and these checks received. */
    void secretsNowhere(Path logs, List<String> answerBodies) {
        List<String> bodies;
        synchronized (answerBodies) {
            bodies = List.copyOf(answerBodies);
        }
        for (String body : bodies) {
            String leak = leak(body);
            if (leak != null) {
                figures.bad("secrets leaked", "an answer body carries " + leak + ": " + body.substring(0, Math.min(200, body.length())));
            }
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    lines.forEach(line -> {
                        String leak = leak(line);
                        if (leak != null) {
                            figures.bad("secrets leaked", f.getFileName() + " logs " + leak + ": "
                                    + line.substring(0, Math.min(200, line.length())));
                        }
                    });
                } catch (java.io.UncheckedIOException e) {
                    // a log line that is not UTF-8 (a fuzzed body echoed?) — scan it as ISO-8859-1
                    for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                        String leak = leak(line);
                        if (leak != null) {
                            figures.bad("secrets leaked", f.getFileName() + " logs " + leak);
                        }
                    }
                }
                figures.inc("security checks");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the service logs in " + logs, e);
        }
    }

    private String leak(String text) {
        if (text.contains(shopSecret)) {
            return "the shop's signing secret";
        }
        if (JWT.matcher(text).find()) {
            return "a bearer token";
        }
        if (text.contains("PRIVATE KEY")) {
            return "a private key";
        }
        String password = stack.postgres().password();
        if (text.contains("password=" + password) || text.contains("PASSWORD=" + password) || text.contains("\"password\":\"" + password)) {
            return "the database password";
        }
        return null;
    }
}
