package io.orderhub.devstack.sim.wms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A warehouse system (WMS) that speaks JSON over HTTP, for the local stack and the tests:
 *
 * <pre>
 * POST /intake/pause   {"reason": "...", "requestedBy": "..."}  stop taking new orders into picking
 * POST /intake/resume  {"reason": "...", "requestedBy": "..."}  take them again
 * GET  /intake                                                  {"paused", "reason", "since", "pauses", "resumes"}
 * POST /shipments/{globalOrderId}/intercept {"reason": "..."}    stop a parcel that has not left
 * POST /coupons/freeze {"globalOrderId": "...", "reason": "..."} freeze coupon issuance for an order
 * GET  /coupons/frozen                                          the orders whose coupons are frozen
 * POST /_sim/fail-next?count=N                                  answer the next N calls with 503 (fault injection)
 * GET  /_sim/requests                                           every call received, oldest first
 * </pre>
 *
 * Every call needs {@code Content-Type: application/json} on a body and answers JSON; a bad body is a 400
 * with {@code {"error": "..."}}. Start it with {@link #start(int)} (0 = any free port).
 */
public final class WmsSimulator implements AutoCloseable {
    /** One call the simulator received. */
    public record Request(String method, String path, String body, int status, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final List<String> frozenCoupons = new CopyOnWriteArrayList<>();
    private final List<String> intercepted = new CopyOnWriteArrayList<>();
    private volatile boolean paused;
    private volatile String reason;
    private volatile Instant since = Instant.now();
    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();

    private WmsSimulator(HttpServer server) {
        this.server = server;
    }

    /** Starts the simulator on {@code port} (0 = any free port) on every local address. */
    public static WmsSimulator start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            WmsSimulator sim = new WmsSimulator(server);
            server.createContext("/", sim::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "wms-simulator");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("the WMS simulator could not listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    public boolean paused() {
        return paused;
    }

    public int pauses() {
        return pauses.get();
    }

    public int resumes() {
        return resumes.get();
    }

    public List<String> frozenCoupons() {
        return List.copyOf(frozenCoupons);
    }

    public List<String> intercepted() {
        return List.copyOf(intercepted);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The next {@code count} calls are answered 503 (as a WMS under maintenance would). */
    public void failNext(int count) {
        failNext.set(count);
    }

    /** Back to a resumed intake, no frozen coupons, no recorded calls. */
    public void reset() {
        paused = false;
        reason = null;
        since = Instant.now();
        pauses.set(0);
        resumes.set(0);
        failNext.set(0);
        frozenCoupons.clear();
        intercepted.clear();
        requests.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        Object answer;
        try {
            if (path.startsWith("/_sim/")) {
                Result r = simControl(method, path, ex.getRequestURI().getQuery());
                status = r.status;
                answer = r.body;
            } else if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
                answer = Map.of("error", "WMS under maintenance (simulated failure), try again");
            } else {
                Result r = route(method, path, body);
                status = r.status;
                answer = r.body;
            }
        } catch (BadRequest e) {
            status = 400;
            answer = Map.of("error", e.getMessage());
        }
        if (!path.startsWith("/_sim/")) {
            requests.add(new Request(method, path, body, status, Instant.now()));
        }
        byte[] bytes = JSON.writeValueAsBytes(answer);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Result(int status, Object body) {
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private Result route(String method, String path, String body) {
        if ("GET".equals(method) && "/intake".equals(path)) {
            return new Result(200, intake());
        }
        if ("POST".equals(method) && ("/intake/pause".equals(path) || "/intake/resume".equals(path))) {
            JsonNode json = parse(body);
            boolean pause = path.endsWith("pause");
            if (pause && !paused) {
                pauses.incrementAndGet();
                since = Instant.now();
            } else if (!pause && paused) {
                resumes.incrementAndGet();
                since = Instant.now();
            }
            paused = pause;
            reason = json.path("reason").asText(null);
            return new Result(200, intake());
        }
        if ("POST".equals(method) && path.startsWith("/shipments/") && path.endsWith("/intercept")) {
            String order = path.substring("/shipments/".length(), path.length() - "/intercept".length());
            parse(body);
            intercepted.add(order);
            return new Result(200, Map.of("globalOrderId", order, "intercepted", true));
        }
        if ("POST".equals(method) && "/coupons/freeze".equals(path)) {
            JsonNode json = parse(body);
            String order = json.path("globalOrderId").asText("");
            if (order.isBlank()) {
                throw new BadRequest("globalOrderId is required: send {\"globalOrderId\": \"OH...\", \"reason\": \"...\"}");
            }
            if (!frozenCoupons.contains(order)) {
                frozenCoupons.add(order);
            }
            return new Result(200, Map.of("globalOrderId", order, "couponsFrozen", true));
        }
        if ("GET".equals(method) && "/coupons/frozen".equals(path)) {
            return new Result(200, frozenCoupons());
        }
        return new Result(404, Map.of("error", "no such endpoint: " + method + " " + path));
    }

    private Result simControl(String method, String path, String query) {
        if ("POST".equals(method) && "/_sim/fail-next".equals(path)) {
            int count = 1;
            if (query != null && query.startsWith("count=")) {
                count = Integer.parseInt(query.substring("count=".length()));
            }
            failNext(count);
            return new Result(200, Map.of("failNext", count));
        }
        if ("GET".equals(method) && "/_sim/requests".equals(path)) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Request r : requests) {
                list.add(Map.of("method", r.method(), "path", r.path(), "body", r.body(), "status", r.status(),
                        "at", r.at().toString()));
            }
            return new Result(200, list);
        }
        return new Result(404, Map.of("error", "no such endpoint: " + method + " " + path));
    }

    private Map<String, Object> intake() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paused", paused);
        m.put("reason", reason);
        m.put("since", since.toString());
        m.put("pauses", pauses.get());
        m.put("resumes", resumes.get());
        return m;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            if (!node.isObject()) {
                throw new BadRequest("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new BadRequest("the body is not JSON: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
