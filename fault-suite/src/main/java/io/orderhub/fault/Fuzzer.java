package io.orderhub.fault;

import io.orderhub.devstack.Stack;
import io.orderhub.devstack.sim.marketplace.Snapshot;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Bad input at volume: malformed, truncated, non-UTF-8, deeply nested, wrongly typed, oversized, forged, unsigned
 * and replayed webhooks on every channel, and malformed bodies, paths and parameters (SQL and header injection
 * among them) on every service's internal REST API. Every answer must be a 4xx problem+json — or, for a replay
 * of a delivery the hub already took, its documented 202 duplicate — within the client timeout; every signed
 * payload the hub refused must be kept (archive or quarantine).
 */
final class Fuzzer {
    /** A request, what it is, and which answers are right for it. */
    private record Probe(String what, String method, String url, Map<String, String> headers, byte[] body, boolean replay,
            String keptDeliveryId) {
    }

    private static final List<String> INJECTIONS = List.of("' or '1'='1", "1; drop table orders; --", "\" or \"\"=\"",
            "%27%20or%201%3D1--", "../../etc/passwd", "${jndi:ldap://localhost:1/x}", "<script>alert(1)</script>",
            "%0d%0aSet-Cookie:%20injected=1", "\u0000", "😀".repeat(50), "OH2026' union select secret from shop_credential--");
    /** Delivery id prefix of the validly signed replays of a genuine delivery (the documented 202 duplicate or stale). */
    static final String REPLAY_DELIVERY = "fuzz-replay-";

    /**
     * Text only the fuzzer's requests carry: the injections (as sent, and as a server decodes them), its warehouse, SKUs,
     * order id and delivery ids. A row holding any of it was written from fuzzed input. NUL is left out: no column holds it.
     */
    static List<String> markers() {
        List<String> out = new ArrayList<>();
        for (String i : INJECTIONS) {
            if (!i.equals("\u0000")) {
                out.add(i);
                String decoded = java.net.URLDecoder.decode(i.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (!decoded.equals(i) && !decoded.isBlank()) {
                    out.add(decoded.strip());
                }
            }
        }
        out.addAll(List.of("WH-FUZZ", "FZ-", "OH2026ZZZZZZZZ", "fuzz-"));
        return List.copyOf(out);
    }

    private final Stack stack;
    private final Http http;
    private final Figures figures;
    private final Random random;
    private final String secret;
    /** Signed payloads the hub refused: channel → delivery ids that must be in raw_payload. */
    private final Map<String, Set<String>> mustBeKept = new ConcurrentHashMap<>();
    /** Every answer body, for the secrets scan. */
    private final List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());

    Fuzzer(Stack stack, Http http, Figures figures, Random random, String secret) {
        this.stack = stack;
        this.http = http;
        this.figures = figures;
        this.random = random;
        this.secret = secret;
    }

    List<String> answerBodies() {
        return bodies;
    }

    void run(int requests, List<OrderDriver.DrivenOrder> orders) {
        // first versions: every one of them was pushed, so sending it again is a replay the hub has seen
        List<Snapshot> real = orders.stream().limit(200)
                .map(o -> stack.marketplace().history(o.channel, OrderDriver.SHOP, o.orderId).get(0)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> OrderDriver.daemon(r, "fuzz"));
        for (int i = 0; i < requests; i++) {
            Probe p = next(real, new Random(random.nextLong()));
            pool.submit(() -> judge(p, http.raw(p.method, p.url, p.headers, p.body)));
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(15, TimeUnit.MINUTES)) {
                figures.bad("hangs", "the fuzzer did not finish within 15 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkKept();
    }

    private void judge(Probe p, Http.Answer a) {
        figures.inc("fuzz requests");
        if (a.body() != null) {
            bodies.add(a.body());
        }
        String where = p.what + " " + p.method + " " + shorten(p.url);
        if (a.status() == Http.TIMED_OUT || a.status() == Http.UNREACHABLE) {
            figures.bad("hangs", where + ": " + a.body());
        } else if (a.status() >= 500) {
            figures.bad("5xx answers", where + " → " + a.status() + " " + shorten(a.body()));
        } else if (a.ok()) {
            boolean documented = (p.replay && (a.body().contains("\"duplicate\":true") || a.body().contains("\"stale\":true")))
                    || a.body().contains("\"quarantined\":true");
            boolean emptyList = p.method.equals("GET") && a.body().trim().equals("[]");
            if (emptyList) {
                figures.inc("fuzz lookups answered an empty list"); // a search that finds nothing: harmless
            } else if (!documented) {
                figures.bad("malformed accepted", where + " → " + a.status() + " " + shorten(a.body()));
            } else if (p.keptDeliveryId == null) {
                figures.inc("fuzz replays answered duplicate");
            }
        } else if (!a.problem()) {
            figures.bad("not problem+json", where + " → " + a.status() + " " + a.contentType() + " " + shorten(a.body()));
        } else {
            figures.inc("fuzz answers " + a.status());
        }
    }

    // ------------------------------------------------------------------ what to send

    private Probe next(List<Snapshot> real, Random r) {
        int kind = r.nextInt(100);
        return kind < 60 ? webhook(real, r) : internal(r);
    }

    private Probe webhook(List<Snapshot> real, Random r) {
        Snapshot s = real.get(r.nextInt(real.size()));
        String channel = s.channel();
        byte[] good = s.document();
        String url = stack.url("order-ingest-service") + "/webhooks/" + channel + "/" + OrderDriver.SHOP;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        int m = r.nextInt(16);
        // signed garbage goes to Shopify and Xiaohongshu: their delivery id is a header the suite chooses, so it can
        // find the stored row afterwards
        String signedChannel = r.nextBoolean() ? "shopify" : "xhs";
        String signedUrl = stack.url("order-ingest-service") + "/webhooks/" + signedChannel + "/" + OrderDriver.SHOP;
        return switch (m) {
            case 0 -> new Probe("forged signature", "POST", url, withSignature(h, signedChannel, "not-the-secret", good, null), good, false, null);
            case 1 -> new Probe("unsigned", "POST", url, h, good, false, null);
            case 2 -> signed("truncated JSON", signedUrl, signedChannel, h, java.util.Arrays.copyOf(good, 1 + r.nextInt(good.length - 1)));
            case 3 -> signed("not UTF-8", signedUrl, signedChannel, h, randomBytes(r, 1 + r.nextInt(2048)));
            case 4 -> signed("wrong types", signedUrl, signedChannel, h,
                    "{\"id\":\"two\",\"line_items\":\"none\",\"total_price\":{\"a\":1},\"orderId\":[],\"quantity\":\"two\"}".getBytes(StandardCharsets.UTF_8));
            case 5 -> signed("deeply nested", signedUrl, signedChannel, h, ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
            case 6 -> r.nextInt(10) == 0
                    ? signed("oversized", signedUrl, signedChannel, h, oversized(r, 1_200_000))
                    : signed("empty body", signedUrl, signedChannel, h, new byte[0]);
            case 7 -> {
                Map<String, String> plain = new LinkedHashMap<>(h);
                plain.put("Content-Type", "text/plain");
                yield signed("wrong content type", signedUrl, signedChannel, plain, "{\"id\": 1}".getBytes(StandardCharsets.UTF_8));
            }
            case 8 -> new Probe("unknown channel", "POST", stack.url("order-ingest-service") + "/webhooks/ebay/demo", h, good, false, null);
            case 9 -> new Probe("unknown or injected shop", "POST", stack.url("order-ingest-service") + "/webhooks/" + channel + "/"
                    + encode(INJECTIONS.get(r.nextInt(INJECTIONS.size()))), h, good, false, null);
            case 10 -> {
                Map<String, String> injected = withSignature(h, signedChannel, "wrong", good, null);
                injected.put("X-Shopify-Webhook-Id", INJECTIONS.get(r.nextInt(4)));
                injected.put("X-Shopify-Shop-Domain", INJECTIONS.get(r.nextInt(4)));
                yield new Probe("injection in headers", "POST", signedUrl, injected, good, false, null);
            }
            case 11 -> {
                Map<String, String> big = withSignature(h, signedChannel, "wrong", good, null);
                big.put("X-Shopify-Topic", "x".repeat(4_000));
                yield new Probe("long header", "POST", signedUrl, big, good, false, null);
            }
            case 12 -> new Probe("tampered query signature", "POST", url + "?app_key=demo-app&timestamp=2001-01-01%2000:00:00&sign=DEADBEEF"
                    + "&sign_method=md5&topic=taobao_trade_TradeCreate", h, good, false, null);
            case 13 -> {
                // a genuine delivery replayed byte for byte, under its own delivery id: the documented 202 duplicate
                String id = REPLAY_DELIVERY + r.nextInt(20);
                Map<String, String> signed = withSignature(h, "shopify", secret, shopifyDocument(real, r), id);
                yield new Probe("replayed delivery", "POST", stack.url("order-ingest-service") + "/webhooks/shopify/demo", signed,
                        shopifyDocument(real, r), true, null);
            }
            case 14 -> new Probe("wrong method", r.nextBoolean() ? "PUT" : "DELETE", url, h, good, false, null);
            default -> signed("JSON but no order", signedUrl, signedChannel, h,
                    ("{\"hello\":\"" + INJECTIONS.get(r.nextInt(INJECTIONS.size())).replace("\"", "") + "\"}").getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Signed with the shop's real secret: the hub must refuse it as bad input, and keep it. */
    private Probe signed(String what, String url, String channel, Map<String, String> base, byte[] body) {
        String deliveryId = "fuzz-" + UUID.randomUUID();
        mustBeKept.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(deliveryId);
        return new Probe(what + " (signed)", "POST", url, withSignature(base, channel, secret, body, deliveryId), body, false, deliveryId);
    }

    private byte[] shopifyDocument(List<Snapshot> real, Random r) {
        return real.stream().filter(s -> s.channel().equals("shopify")).findFirst().map(Snapshot::document)
                .orElse("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> withSignature(Map<String, String> base, String channel, String key, byte[] body, String deliveryId) {
        Map<String, String> h = new LinkedHashMap<>(base);
        byte[] mac = hmac(key, body);
        if (channel.equals("shopify")) {
            h.put("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac));
            h.put("X-Shopify-Topic", "orders/updated");
            h.put("X-Shopify-Webhook-Id", deliveryId == null ? UUID.randomUUID().toString() : deliveryId);
        } else {
            h.put("X-Hub-Signature", HexFormat.of().formatHex(mac));
            h.put("X-Hub-Delivery", deliveryId == null ? UUID.randomUUID().toString() : deliveryId);
        }
        return h;
    }

    private Probe internal(Random r) {
        String inj = encode(INJECTIONS.get(r.nextInt(INJECTIONS.size())));
        String ops = stack.token("ops");
        String admin = stack.token("admin");
        String state = stack.url("order-state-service");
        String inv = stack.url("inventory-service");
        String ingest = stack.url("order-ingest-service");
        String returns = stack.url("returns-service");
        String alerting = stack.url("alerting-service");
        String recon = stack.url("reconciliation-service");
        byte[] junk = junkJson(r);
        return switch (r.nextInt(16)) {
            case 0 -> call("order by injected id", "GET", state + "/orders/" + inj, ops, null);
            case 1 -> call("search with bad parameters", "GET", state + "/orders?state=" + inj + "&size=" + (r.nextBoolean() ? "-1" : "100000")
                    + "&page=" + inj, ops, null);
            case 2 -> call("unknown action", "POST", state + "/orders/OH2026ZZZZZZZZ/actions/" + inj, ops, junk);
            case 3 -> call("print-label with junk", "POST", state + "/orders/OH2026ZZZZZZZZ/actions/print-label", stack.token("warehouse"), junk);
            case 4 -> call("hold with junk", "POST", state + "/orders/OH2026ZZZZZZZZ/holds", ops, junk);
            case 5 -> call("stock with junk", "PUT", inv + "/stock/WH-FUZZ/FZ-" + r.nextInt(1000), stack.token("warehouse"),
                    r.nextBoolean() ? junk : ("{\"onHand\": " + List.of("-5", "\"many\"", "1e400", "null", "9223372036854775808").get(r.nextInt(5)) + "}")
                            .getBytes(StandardCharsets.UTF_8));
            case 6 -> call("stock by injected sku", "GET", inv + "/stock/" + inj, ops, null);
            case 7 -> call("reservations by injected id", "GET", inv + "/reservations/" + inj, ops, null);
            // a blank message, not a number: {"text": 12} is read as the text "12" on purpose (returns' BadInputTest)
            case 8 -> call("classify junk", "POST", returns + "/returns/classify", ops, r.nextBoolean() ? junk
                    : ("{\"text\": " + (r.nextBoolean() ? "\"   \"" : "\"\"") + "}").getBytes(StandardCharsets.UTF_8));
            case 9 -> call("return junk", "POST", returns + "/returns", ops, junk);
            case 10 -> call("return by injected id", "GET", returns + "/returns/" + inj, ops, null);
            case 11 -> call("alert junk", "POST", alerting + "/alerts", ops, junk);
            case 12 -> call("ack injected alert", "POST", alerting + "/alerts/" + inj + "/ack", ops, null);
            case 13 -> call("policy junk", "PUT", alerting + "/sla-policy", admin, junk);
            case 14 -> call("quarantine by injected id", "GET", ingest + "/quarantine/" + inj, admin, null);
            default -> call("discrepancies with bad parameters", "GET", recon + "/discrepancies?page=" + inj + "&size=-3", ops, null);
        };
    }

    private static Probe call(String what, String method, String url, String token, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + token);
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        return new Probe(what, method, url, h, body, false, null);
    }

    private static byte[] junkJson(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "{".getBytes(StandardCharsets.UTF_8);
            case 1 -> "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            case 2 -> "{\"rules\": \"all\", \"severity\": 7, \"carrier\": [], \"trackingNumber\": {}}".getBytes(StandardCharsets.UTF_8);
            case 3 -> randomBytes(r, 64);
            case 4 -> ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
            default -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        b[0] = (byte) 0xC3; // never valid UTF-8 at the start: 0xC3 followed by a non-continuation byte
        if (n > 1) {
            b[1] = (byte) 0x28;
        }
        return b;
    }

    private static byte[] oversized(Random r, int n) {
        StringBuilder sb = new StringBuilder("{\"id\":1,\"note\":\"");
        while (sb.length() < n) {
            sb.append("0123456789abcdef");
        }
        return sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    // ------------------------------------------------------------------ what reached ingest is kept

    private void checkKept() {
        Stack.Service ingest = Invariants.service("order-ingest-service");
        try (Connection c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl(ingest.database()), stack.postgres().user(),
                stack.postgres().password());
             PreparedStatement ps = c.prepareStatement("select status from raw_payload where channel = ? and shop = 'demo' and delivery_id = ?")) {
            for (Map.Entry<String, Set<String>> e : mustBeKept.entrySet()) {
                for (String deliveryId : e.getValue()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, deliveryId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            figures.bad("fuzzed payloads not kept", e.getKey() + " delivery " + deliveryId + " was signed, refused, and not stored");
                        } else {
                            figures.inc("fuzzed payloads kept (" + rs.getString(1) + ")");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
