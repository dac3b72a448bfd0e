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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private Map<String, Long> rowsBefore;

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

    /** Row counts of the tables an injection would hit, before the fuzzer. */
    void rememberRows() {
        rowsBefore = rowCounts();
    }

    /** The same counts after: SQL in paths, parameters, headers and bodies changed nothing. */
    void injectionsHarmless() {
        Map<String, Long> after = rowCounts();
        rowsBefore.forEach((table, n) -> {
            figures.inc("security checks");
            if (!after.get(table).equals(n)) {
                figures.bad("security failures", table + " had " + n + " rows before the fuzzer and " + after.get(table) + " after");
            }
        });
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        count(out, "order-state-service", "orders");
        count(out, "order-state-service", "order_audit");
        count(out, "inventory-service", "stock_item");
        count(out, "inventory-service", "reservation");
        count(out, "order-ingest-service", "channel_order");
        count(out, "order-ingest-service", "shop_credential");
        return out;
    }

    private void count(Map<String, Long> out, String service, String table) {
        Stack.Service s = Invariants.service(service);
        try (Connection c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl(s.database()), stack.postgres().user(),
                stack.postgres().password()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            out.put(service + "." + table, rs.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
