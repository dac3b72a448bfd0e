package io.orderhub.devstack.sim.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A carrier's tracking API, for the local stack and the tests, in the shape of SF Express's open platform (丰桥):
 * one endpoint taking a form with {@code partnerID}, {@code requestID}, {@code serviceCode}, {@code timestamp}
 * (epoch ms), {@code msgData} (JSON) and {@code msgDigest} = Base64(MD5(URLEncoder.encode(msgData + timestamp +
 * checkWord, UTF-8))); the answer wraps the service's own JSON as a string in {@code apiResultData}.
 *
 * <pre>
 * POST /std/service   serviceCode=EXP_RECE_SEARCH_ROUTES
 *   msgData {"language":"0","trackingType":"1","trackingNumber":["SF1…","SF2…"],"methodType":"1"}  (at most 10 numbers)
 * → {"apiResultCode":"A1000","apiErrorMsg":"","apiResponseID":"…","apiResultData":"{\"success\":true,\"errorCode\":\"S0000\",
 *    \"errorMsg\":null,\"msgData\":{\"routeResps\":[{\"mailNo\":\"SF1…\",\"routes\":[{\"acceptTime\":\"2026-11-22 10:40:00\",
 *    \"acceptAddress\":\"深圳市\",\"remark\":\"顺丰速运 已收取快件\",\"opCode\":\"50\"}, …]}]}}"}
 *   opCode 50 picked up (收件), 30 sorted / in transit, 44 out for delivery (派送), 80 signed (签收; the remark names the
 *   signer: "已签收,签收人是:张三,…"); acceptTime in Beijing time; a number the carrier does not know has no routes.
 *   apiResultCode A1001 missing parameter, A1002 timestamp expired, A1004 no such service, A1006 bad msgDigest.
 *
 * POST /_sim/waybills/{mailNo}/pickup[?at=ISO]   POST /_sim/waybills/{mailNo}/deliver?signer=…[&amp;at=ISO]
 * GET  /_sim/waybills/{mailNo}   DELETE /_sim/waybills/{mailNo}   POST /_sim/fail-next?count=N (HTTP 503)
 * GET  /_sim/calls   POST /_sim/reset
 * </pre>
 *
 * Tests seed and diverge it in Java: {@link #pickup}, {@link #transit}, {@link #deliver}, {@link #remove}, {@link #failNext}.
 */
public final class CarrierSimulator implements AutoCloseable {
    public static final int DEFAULT_PORT = 8096;
    public static final String DEMO_PARTNER_ID = "DEMO_SF";
    public static final String DEMO_CHECK_WORD = "demo-check-word";
    public static final String PATH = "/std/service";
    public static final String SEARCH_ROUTES = "EXP_RECE_SEARCH_ROUTES";

    public static final String PICKED_UP = "50";
    public static final String IN_TRANSIT = "30";
    public static final String OUT_FOR_DELIVERY = "44";
    public static final String SIGNED = "80";

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits ~40 ms for the
        // client's delayed ACK (Nagle). Read once, when the first HttpServer of the JVM starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** One scan of a parcel, as the route API reports it. */
    public record Route(Instant acceptTime, String acceptAddress, String remark, String opCode) {
    }

    /** One API call the simulator answered. */
    public record Call(Instant at, String serviceCode, int numbers, int status, String resultCode) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String partnerId;
    private final String checkWord;
    private final Map<String, List<Route>> waybills = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong numbersQueried = new AtomicLong();
    private volatile int maxNumbers = 10;

    private CarrierSimulator(HttpServer server, String partnerId, String checkWord) {
        this.server = server;
        this.partnerId = partnerId;
        this.checkWord = checkWord;
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "carrier-simulator");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts with the demo credentials ({@link #DEMO_PARTNER_ID}, {@link #DEMO_CHECK_WORD}); port 0 = any free port. */
    public static CarrierSimulator start(int port) {
        return start(port, DEMO_PARTNER_ID, DEMO_CHECK_WORD);
    }

    public static CarrierSimulator start(int port, String partnerId, String checkWord) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
            CarrierSimulator sim = new CarrierSimulator(server, partnerId, checkWord);
            server.createContext("/", sim::handle);
            // A test may start this from a Quarkus test class loader that is closed when its test class ends while the
            // server threads go on; a nested class loaded lazily after that comes from another loader and cannot be
            // accessed (IllegalAccessError). So every nested class is loaded now, from this class's loader.
            CarrierSimulator.class.getDeclaredClasses();
            server.setExecutor(sim.threads);
            server.start();
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("the carrier simulator could not listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Runs on {@code ORDERHUB_CARRIER_SIM_PORT} (default 8096) until stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0])
                : Integer.parseInt(env("ORDERHUB_CARRIER_SIM_PORT", String.valueOf(DEFAULT_PORT)));
        CarrierSimulator sim = start(port, env("ORDERHUB_CARRIER_PARTNER_ID", DEMO_PARTNER_ID),
                env("ORDERHUB_CARRIER_CHECK_WORD", DEMO_CHECK_WORD));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }));
        System.out.println("[carrier-sim] " + sim.url() + PATH + " (partnerID " + sim.partnerId + ")");
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    public String partnerId() {
        return partnerId;
    }

    public String checkWord() {
        return checkWord;
    }

    /** How many numbers one route query may carry (default 10, as SF's). */
    public CarrierSimulator maxNumbers(int max) {
        this.maxNumbers = max;
        return this;
    }

    // ------------------------------------------------------------------------------------------ seeding and divergence

    /** The courier collected the parcel (opCode 50): its first pickup time. */
    public CarrierSimulator pickup(String mailNo, Instant at) {
        return route(mailNo, new Route(at, "深圳市", "顺丰速运 已收取快件", PICKED_UP));
    }

    public CarrierSimulator transit(String mailNo, Instant at, String hub) {
        return route(mailNo, new Route(at, hub, "快件在【" + hub + "】完成分拣,准备发往下一站", IN_TRANSIT));
    }

    public CarrierSimulator outForDelivery(String mailNo, Instant at, String courier) {
        return route(mailNo, new Route(at, "上海市", "快件交给" + courier + ",正在派送途中", OUT_FOR_DELIVERY));
    }

    /** Signed for by {@code signer} (opCode 80). */
    public CarrierSimulator deliver(String mailNo, String signer, Instant at) {
        return route(mailNo, new Route(at, "上海市", "已签收,签收人是:" + signer + ",感谢使用顺丰,期待再次为您服务", SIGNED));
    }

    /** Any scan; routes are kept in time order. */
    public CarrierSimulator route(String mailNo, Route route) {
        Route r = new Route(route.acceptTime().truncatedTo(ChronoUnit.SECONDS), route.acceptAddress(), route.remark(), route.opCode());
        waybills.compute(mailNo, (k, list) -> {
            List<Route> out = list == null ? new ArrayList<>() : new ArrayList<>(list);
            out.add(r);
            out.sort(java.util.Comparator.comparing(Route::acceptTime));
            return List.copyOf(out);
        });
        return this;
    }

    /** Forgets a waybill: the carrier has no record of it. */
    public boolean remove(String mailNo) {
        return waybills.remove(mailNo) != null;
    }

    public List<Route> routes(String mailNo) {
        return waybills.getOrDefault(mailNo, List.of());
    }

    /** The next {@code count} API calls are answered HTTP 503. */
    public void failNext(int count) {
        failNext.set(count);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waybill numbers asked for so far, over every call. */
    public long numbersQueried() {
        return numbersQueried.get();
    }

    public void reset() {
        waybills.clear();
        calls.clear();
        failNext.set(0);
        numbersQueried.set(0);
    }

    /** {@code msgDigest} = Base64(MD5(URLEncoder.encode(msgData + timestamp + checkWord, UTF-8))). */
    public static String digest(String msgData, String timestamp, String checkWord) {
        try {
            String encoded = URLEncoder.encode(msgData + timestamp + checkWord, StandardCharsets.UTF_8);
            byte[] md5 = MessageDigest.getInstance("MD5").digest(encoded.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private record Answer(int status, Object body) {
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            if (path.startsWith("/_sim/")) {
                answer = control(method, path, form(ex.getRequestURI().getRawQuery()));
            } else if (PATH.equals(path) && "POST".equals(method)) {
                answer = service(form(body));
            } else {
                answer = new Answer(404, Map.of("apiResultCode", "A1004", "apiErrorMsg", "no such API: " + method + " " + path));
            }
            byte[] bytes = JSON.writeValueAsBytes(answer.body);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(answer.status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            ex.close();
        }
    }

    private Answer service(Map<String, String> p) throws IOException {
        String service = p.get("serviceCode");
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            calls.add(new Call(Instant.now(), service, 0, 503, null));
            return new Answer(503, Map.of("apiResultCode", "A1099", "apiErrorMsg", "system busy (simulated outage)"));
        }
        for (String required : List.of("partnerID", "requestID", "serviceCode", "timestamp", "msgData", "msgDigest")) {
            if (p.get(required) == null || p.get(required).isBlank()) {
                return envelope(service, 0, "A1001", required + " is required", null);
            }
        }
        if (!partnerId.equals(p.get("partnerID"))) {
            return envelope(service, 0, "A1004", "no service rights for partner " + p.get("partnerID"), null);
        }
        if (!SEARCH_ROUTES.equals(service)) {
            return envelope(service, 0, "A1004", "no such service " + service + " (the simulator serves " + SEARCH_ROUTES + ")", null);
        }
        long ts;
        try {
            ts = Long.parseLong(p.get("timestamp"));
        } catch (NumberFormatException e) {
            return envelope(service, 0, "A1001", "timestamp must be epoch milliseconds", null);
        }
        if (Math.abs(System.currentTimeMillis() - ts) > 15 * 60_000L) {
            return envelope(service, 0, "A1002", "the request timestamp has expired", null);
        }
        String expected = digest(p.get("msgData"), p.get("timestamp"), checkWord);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), p.get("msgDigest").getBytes(StandardCharsets.UTF_8))) {
            return envelope(service, 0, "A1006", "invalid msgDigest", null);
        }
        JsonNode msg;
        try {
            msg = JSON.readTree(p.get("msgData"));
        } catch (IOException e) {
            return envelope(service, 0, "A1001", "msgData is not JSON", null);
        }
        List<String> numbers = new ArrayList<>();
        JsonNode tn = msg.path("trackingNumber");
        if (tn.isArray()) {
            tn.forEach(n -> numbers.add(n.asText()));
        } else if (tn.isTextual()) {
            for (String n : tn.asText().split(",")) {
                if (!n.isBlank()) {
                    numbers.add(n.trim());
                }
            }
        }
        ObjectNode result = JSON.createObjectNode();
        if (numbers.isEmpty() || numbers.size() > maxNumbers) {
            result.put("success", false).put("errorCode", "8016").put("errorMsg", "trackingNumber takes 1 to " + maxNumbers + " numbers");
            result.putNull("msgData");
            return envelope(service, numbers.size(), "A1000", "", result);
        }
        numbersQueried.addAndGet(numbers.size());
        result.put("success", true).put("errorCode", "S0000").putNull("errorMsg");
        ArrayNode resps = result.putObject("msgData").putArray("routeResps");
        for (String number : numbers) {
            ObjectNode r = resps.addObject();
            r.put("mailNo", number);
            ArrayNode routes = r.putArray("routes");
            for (Route route : waybills.getOrDefault(number, List.of())) {
                routes.addObject().put("acceptTime", LocalDateTime.ofInstant(route.acceptTime(), BEIJING).format(LOCAL))
                        .put("acceptAddress", route.acceptAddress()).put("remark", route.remark()).put("opCode", route.opCode());
            }
        }
        return envelope(service, numbers.size(), "A1000", "", result);
    }

    private Answer envelope(String service, int numbers, String code, String error, ObjectNode result) throws IOException {
        calls.add(new Call(Instant.now(), service, numbers, 200, code));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiErrorMsg", error);
        out.put("apiResponseID", UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT));
        out.put("apiResultCode", code);
        out.put("apiResultData", result == null ? null : JSON.writeValueAsString(result));
        return new Answer(200, out);
    }

    private Answer control(String method, String path, Map<String, String> q) {
        String[] p = path.replaceAll("/+$", "").split("/");
        try {
            if ("POST".equals(method) && "/_sim/fail-next".equals(path)) {
                int count = Integer.parseInt(q.getOrDefault("count", "1"));
                failNext(count);
                return new Answer(200, Map.of("failNext", count));
            }
            if ("GET".equals(method) && "/_sim/calls".equals(path)) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (Call c : calls) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", c.at().toString());
                    m.put("serviceCode", c.serviceCode());
                    m.put("numbers", c.numbers());
                    m.put("status", c.status());
                    m.put("resultCode", c.resultCode());
                    list.add(m);
                }
                return new Answer(200, list);
            }
            if ("POST".equals(method) && "/_sim/reset".equals(path)) {
                reset();
                return new Answer(200, Map.of("reset", true));
            }
            if (p.length >= 4 && "waybills".equals(p[2])) {
                String mailNo = p[3];
                Instant at = q.get("at") == null ? Instant.now() : Instant.parse(q.get("at"));
                if ("GET".equals(method) && p.length == 4) {
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (Route r : routes(mailNo)) {
                        list.add(Map.of("acceptTime", r.acceptTime().toString(), "acceptAddress", r.acceptAddress(),
                                "remark", r.remark(), "opCode", r.opCode()));
                    }
                    return new Answer(200, Map.of("mailNo", mailNo, "routes", list));
                }
                if ("DELETE".equals(method) && p.length == 4) {
                    return new Answer(remove(mailNo) ? 200 : 404, Map.of("removed", mailNo));
                }
                if ("POST".equals(method) && p.length == 5 && "pickup".equals(p[4])) {
                    pickup(mailNo, at);
                    return new Answer(200, Map.of("mailNo", mailNo, "pickedUpAt", at.toString()));
                }
                if ("POST".equals(method) && p.length == 5 && "deliver".equals(p[4])) {
                    String signer = q.getOrDefault("signer", "本人");
                    deliver(mailNo, signer, at);
                    return new Answer(200, Map.of("mailNo", mailNo, "signedBy", signer, "signedAt", at.toString()));
                }
            }
            return new Answer(404, Map.of("error", "no such control endpoint: " + method + " " + path));
        } catch (RuntimeException e) {
            return new Answer(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
