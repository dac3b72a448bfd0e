package io.orderhub.devstack.sim.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receivers of the alert channels' wire formats, for the local stack and the tests. One HTTP server:
 *
 * <pre>
 * POST /hooks/{name}                                     generic JSON webhook; with a secret, checks
 *                                                        X-OrderHub-Timestamp and X-OrderHub-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))
 * POST /services/{T}/{B}/{token}                          Slack-style incoming webhook: {"text": ...}; answers 200 "ok",
 *                                                        400 "invalid_payload" / "no_text", 404 "no_service"
 * POST /cgi-bin/webhook/send?key=KEY                     WeCom group robot: {"msgtype": "text"|"markdown", ...};
 *                                                        answers {"errcode": 0, "errmsg": "ok"} (93000 for an unknown key)
 * POST /robot/send?access_token=T&amp;timestamp=MS&amp;sign=S    DingTalk group robot: sign = urlencode(base64(HMAC-SHA256(secret,
 *                                                        timestamp + "\n" + secret))), timestamp within one hour;
 *                                                        answers {"errcode": 0, "errmsg": "ok"} (310000 on a bad signature)
 * GET  /_sim/received                                    every delivery, oldest first
 * POST /_sim/fail-next?kind=WECOM&amp;count=N                 fail the next N deliveries of that kind (5xx, or errcode -1 for the robots)
 * </pre>
 *
 * Like the real services, the robots answer HTTP 200 with a non-zero {@code errcode} when they refuse.
 * Start it with {@link #start(int)} (demo credentials, {@link Credentials#DEMO}) or {@link #start(int, Credentials)}.
 */
public final class AlertReceivers implements AutoCloseable {
    public enum Kind { WEBHOOK, SLACK, WECOM, DINGTALK }

    /** What the receivers accept. */
    public record Credentials(String webhookSecret, String slackPath, String weComKey, String dingTalkToken,
            String dingTalkSecret) {
        public static final Credentials DEMO = new Credentials("demo-webhook-secret", "/services/T0DEMO/B0DEMO/demo-slack-token",
                "demo-wecom-key", "demo-dingtalk-token", "SECdemo-dingtalk-secret");
    }

    /** One delivery: what arrived and whether it was accepted (with the reason when not). */
    public record Delivery(Kind kind, String path, Map<String, String> query, Map<String, String> headers, String body,
            boolean accepted, String error, Instant at) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DINGTALK_CLOCK_SKEW = Duration.ofHours(1);

    private final HttpServer server;
    private final Credentials credentials;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<Kind, AtomicInteger> failNext = new EnumMap<>(Kind.class);

    private AlertReceivers(HttpServer server, Credentials credentials) {
        this.server = server;
        this.credentials = credentials;
        for (Kind k : Kind.values()) {
            failNext.put(k, new AtomicInteger());
        }
    }

    public static AlertReceivers start(int port) {
        return start(port, Credentials.DEMO);
    }

    /** Starts the receivers on {@code port} (0 = any free port). */
    public static AlertReceivers start(int port, Credentials credentials) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            AlertReceivers r = new AlertReceivers(server, credentials);
            server.createContext("/", r::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, t -> {
                Thread thread = new Thread(t, "alert-receivers");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("the alert receivers could not listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Every delivery received, oldest first. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<Delivery> deliveries(Kind kind) {
        return deliveries.stream().filter(d -> d.kind() == kind).toList();
    }

    /** The next {@code count} deliveries of {@code kind} fail as the real service fails when it is busy. */
    public void failNext(Kind kind, int count) {
        failNext.get(kind).set(count);
    }

    public void reset() {
        deliveries.clear();
        failNext.values().forEach(a -> a.set(0));
    }

    /** DingTalk's robot signature: urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))). */
    public static String dingTalkSign(long timestampMillis, String secret) {
        byte[] mac = hmac(secret, timestampMillis + "\n" + secret);
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    /** The generic webhook's signature header value: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    public static String webhookSignature(String timestamp, String body, String secret) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String contentType, String body, boolean accepted, String error) {
        static Answer json(int status, Object body, boolean accepted, String error) {
            try {
                return new Answer(status, "application/json", JSON.writeValueAsString(body), accepted, error);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Answer text(int status, String body, boolean accepted) {
            return new Answer(status, "text/plain", body, accepted, accepted ? null : body);
        }

        static Answer robot(int errcode, String errmsg) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("errcode", errcode);
            m.put("errmsg", errmsg);
            return json(200, m, errcode == 0, errcode == 0 ? null : errmsg);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.isEmpty() ? null : v.get(0)));
        Kind kind = null;
        Answer answer;
        if (path.startsWith("/_sim/")) {
            answer = control(method, path, query);
        } else if (!"POST".equals(method)) {
            answer = Answer.text(405, "use POST", false);
        } else if (path.startsWith("/hooks/")) {
            kind = Kind.WEBHOOK;
            answer = fails(kind) ? Answer.text(500, "simulated failure", false) : webhook(headers, body);
        } else if (path.startsWith("/services/")) {
            kind = Kind.SLACK;
            answer = fails(kind) ? Answer.text(500, "simulated failure", false) : slack(path, body);
        } else if ("/cgi-bin/webhook/send".equals(path)) {
            kind = Kind.WECOM;
            answer = fails(kind) ? Answer.robot(-1, "system busy") : weCom(query, body);
        } else if ("/robot/send".equals(path)) {
            kind = Kind.DINGTALK;
            answer = fails(kind) ? Answer.robot(-1, "system busy") : dingTalk(query, body);
        } else {
            answer = Answer.text(404, "no receiver at " + path, false);
        }
        if (kind != null) {
            deliveries.add(new Delivery(kind, path, query, headers, body, answer.accepted(), answer.error(), Instant.now()));
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", answer.contentType() + "; charset=utf-8");
        ex.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private boolean fails(Kind kind) {
        return failNext.get(kind).getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private Answer webhook(Map<String, String> headers, String body) {
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return Answer.json(400, Map.of("error", "the body must be a JSON object"), false, "not a JSON object");
        }
        String secret = credentials.webhookSecret();
        if (secret != null && !secret.isEmpty()) {
            String ts = headers.get("x-orderhub-timestamp");
            String sig = headers.get("x-orderhub-signature");
            if (ts == null || sig == null) {
                return Answer.json(401, Map.of("error", "X-OrderHub-Timestamp and X-OrderHub-Signature are required"), false,
                        "missing signature");
            }
            String expected = webhookSignature(ts, body, secret);
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sig.getBytes(StandardCharsets.UTF_8))) {
                return Answer.json(401, Map.of("error", "signature does not match"), false, "signature does not match");
            }
        }
        return Answer.json(200, Map.of("received", true), true, null);
    }

    private Answer slack(String path, String body) {
        if (!path.equals(credentials.slackPath())) {
            return Answer.text(404, "no_service", false);
        }
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return Answer.text(400, "invalid_payload", false);
        }
        if (json.path("text").asText("").isBlank() && !json.path("blocks").isArray()) {
            return Answer.text(400, "no_text", false);
        }
        return Answer.text(200, "ok", true);
    }

    private Answer weCom(Map<String, String> query, String body) {
        if (!credentials.weComKey().equals(query.get("key"))) {
            return Answer.robot(93000, "invalid webhook url, hint: [key not found]");
        }
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return Answer.robot(40001, "invalid json");
        }
        String msgtype = json.path("msgtype").asText("");
        switch (msgtype) {
            case "text" -> {
                String content = json.path("text").path("content").asText("");
                if (content.isEmpty()) {
                    return Answer.robot(44004, "empty content");
                }
                if (content.getBytes(StandardCharsets.UTF_8).length > 2048) {
                    return Answer.robot(45002, "content size out of limit (2048 bytes)");
                }
            }
            case "markdown" -> {
                String content = json.path("markdown").path("content").asText("");
                if (content.isEmpty()) {
                    return Answer.robot(44004, "empty content");
                }
                if (content.getBytes(StandardCharsets.UTF_8).length > 4096) {
                    return Answer.robot(45002, "content size out of limit (4096 bytes)");
                }
            }
            default -> {
                return Answer.robot(40008, "invalid message type: " + msgtype);
            }
        }
        return Answer.robot(0, "ok");
    }

    private Answer dingTalk(Map<String, String> query, String body) {
        if (!credentials.dingTalkToken().equals(query.get("access_token"))) {
            return Answer.robot(300001, "token is not exist");
        }
        String ts = query.get("timestamp");
        String sign = query.get("sign");
        if (ts == null || sign == null) {
            return Answer.robot(310000, "sign not match: timestamp and sign are required");
        }
        long millis;
        try {
            millis = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return Answer.robot(310000, "sign not match: timestamp is not milliseconds");
        }
        if (Duration.between(Instant.ofEpochMilli(millis), Instant.now()).abs().compareTo(DINGTALK_CLOCK_SKEW) > 0) {
            return Answer.robot(310000, "sign not match: timestamp more than one hour from now");
        }
        // the query was URL-decoded once: compare with the decoded form of the expected signature
        String expected = URLDecoder.decode(dingTalkSign(millis, credentials.dingTalkSecret()), StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sign.getBytes(StandardCharsets.UTF_8))) {
            return Answer.robot(310000, "sign not match");
        }
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return Answer.robot(40035, "invalid json");
        }
        String msgtype = json.path("msgtype").asText("");
        boolean ok = switch (msgtype) {
            case "text" -> !json.path("text").path("content").asText("").isEmpty();
            case "markdown" -> !json.path("markdown").path("title").asText("").isEmpty()
                    && !json.path("markdown").path("text").asText("").isEmpty();
            default -> false;
        };
        return ok ? Answer.robot(0, "ok") : Answer.robot(40035, "missing or invalid message for msgtype " + msgtype);
    }

    private Answer control(String method, String path, Map<String, String> query) {
        if ("GET".equals(method) && "/_sim/received".equals(path)) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Delivery d : deliveries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", d.kind().name());
                m.put("path", d.path());
                m.put("query", d.query());
                m.put("body", d.body());
                m.put("accepted", d.accepted());
                m.put("error", d.error());
                m.put("at", d.at().toString());
                list.add(m);
            }
            return Answer.json(200, list, true, null);
        }
        if ("POST".equals(method) && "/_sim/fail-next".equals(path)) {
            try {
                Kind kind = Kind.valueOf(query.getOrDefault("kind", "").toUpperCase());
                int count = Integer.parseInt(query.getOrDefault("count", "1"));
                failNext(kind, count);
                return Answer.json(200, Map.of("kind", kind.name(), "failNext", count), true, null);
            } catch (IllegalArgumentException e) {
                return Answer.json(400, Map.of("error", "use ?kind=WEBHOOK|SLACK|WECOM|DINGTALK&count=N"), false, null);
            }
        }
        return Answer.text(404, "no such endpoint", false);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
