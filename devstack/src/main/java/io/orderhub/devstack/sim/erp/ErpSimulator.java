package io.orderhub.devstack.sim.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * An e-commerce ERP's sales orders over its open API, for the local stack and the tests. The wire format follows
 * the Chinese e-commerce ERPs' open APIs (the 旺店通 {@code trade_query} style): a form-encoded POST signed with the
 * app secret, Beijing-time strings, a modification-time window paged by {@code page_no}/{@code page_size} with a
 * {@code total_count}, amounts as decimal strings, numeric {@code trade_status} codes, and errors as HTTP 200 with a
 * non-zero {@code code}.
 *
 * <pre>
 * POST /openapi2/trade_query.php   (application/x-www-form-urlencoded)
 *   sid, appkey, timestamp (unix seconds, within 300 s), sign = upper-hex MD5(secret + k1v1k2v2… sorted, without sign + secret)
 *   start_time, end_time   "yyyy-MM-dd HH:mm:ss" (Asia/Shanghai), on the order's last modification, both inclusive
 *   page_no (from 0), page_size (1..max, default 40)     or   outer_no=OH…,OH… (up to 50; no window needed)
 * → {"code":0,"message":"ok","total_count":N,"trades":[{"trade_no","outer_no","platform","shop_no","src_tid","trade_status",
 *     "trade_time","pay_time","check_time","consign_time","currency","receivable","goods_amount","post_amount","discount",
 *     "commission","goods_cost","warehouse_no","logistics_code","logistics_no","modified"}, …]}   oldest modification first
 *   errors: {"code":1001,"message":"…"} (bad parameter), 1002 (sign), 1003 (timestamp), 1004 (unknown appkey/sid)
 *
 * POST /_sim/orders {…SalesOrder as JSON…}  put one;  DELETE /_sim/orders/{outerNo}  lose one (a "missing" order)
 * POST /_sim/orders/{outerNo}/status/{code}  change its status;  GET /_sim/orders/{outerNo}
 * POST /_sim/fail-next?count=N   answer the next N API calls with HTTP 503;   GET /_sim/calls;   POST /_sim/reset
 * </pre>
 *
 * Tests seed and diverge it in Java: {@link #put}, {@link #update}, {@link #remove}, {@link #failNext}.
 */
public final class ErpSimulator implements AutoCloseable {
    public static final int DEFAULT_PORT = 8095;
    public static final String DEMO_SID = "demo";
    public static final String DEMO_APP_KEY = "demo-erp-app";
    public static final String DEMO_SECRET = "demo-erp-secret";
    public static final String PATH = "/openapi2/trade_query.php";

    /** {@code trade_status}: cancelled (已取消). */
    public static final int CANCELLED = 5;
    /** {@code trade_status}: waiting for payment (待付款). */
    public static final int WAIT_PAY = 10;
    /** {@code trade_status}: paid, waiting for the audit (待审核). */
    public static final int WAIT_CHECK = 30;
    /** {@code trade_status}: audited, waiting to ship (已审核). */
    public static final int CHECKED = 55;
    /** {@code trade_status}: consigned to the carrier (已发货). */
    public static final int SENT = 95;
    /** {@code trade_status}: finished, the buyer received it (已完成). */
    public static final int FINISHED = 110;

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
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::modified).thenComparing(Key::tradeNo);

    /** One API call the simulator answered. */
    public record Call(Instant at, String service, Integer pageNo, Integer pageSize, int status, int code, int rows) {
    }

    private record Key(Instant modified, String tradeNo) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String sid;
    private final String appKey;
    private final String secret;
    private final Map<String, SalesOrder> byOuterNo = new HashMap<>();
    private final NavigableMap<Key, SalesOrder> byModified = new TreeMap<>(ORDER);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private volatile int maxPageSize = 100;
    /** The last window asked for, materialised: paging through it costs a page, not a walk of the whole window. */
    private Window window;
    private long version;

    private record Window(Instant from, Instant to, long version, List<SalesOrder> rows) {
    }

    private ErpSimulator(HttpServer server, String sid, String appKey, String secret) {
        this.server = server;
        this.sid = sid;
        this.appKey = appKey;
        this.secret = secret;
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "erp-simulator");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts with the demo credentials ({@link #DEMO_SID}, {@link #DEMO_APP_KEY}, {@link #DEMO_SECRET}); port 0 = any free port. */
    public static ErpSimulator start(int port) {
        return start(port, DEMO_SID, DEMO_APP_KEY, DEMO_SECRET);
    }

    public static ErpSimulator start(int port, String sid, String appKey, String secret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
            ErpSimulator sim = new ErpSimulator(server, sid, appKey, secret);
            server.createContext("/", sim::handle);
            // A test may start this from a Quarkus test class loader that is closed when its test class ends while the
            // server threads go on; a nested class loaded lazily after that comes from another loader and cannot be
            // accessed (IllegalAccessError). So every nested class is loaded now, from this class's loader.
            ErpSimulator.class.getDeclaredClasses();
            server.setExecutor(sim.threads);
            server.start();
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("the ERP simulator could not listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Runs on {@code ORDERHUB_ERP_SIM_PORT} (default 8095) until stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : Integer.parseInt(env("ORDERHUB_ERP_SIM_PORT", String.valueOf(DEFAULT_PORT)));
        ErpSimulator sim = start(port, env("ORDERHUB_ERP_SID", DEMO_SID), env("ORDERHUB_ERP_APP_KEY", DEMO_APP_KEY),
                env("ORDERHUB_ERP_SECRET", DEMO_SECRET));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }));
        System.out.println("[erp-sim] " + sim.url() + PATH + " (sid " + sim.sid + ", appkey " + sim.appKey + ")");
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

    public String sid() {
        return sid;
    }

    public String appKey() {
        return appKey;
    }

    public String secret() {
        return secret;
    }

    /** The largest {@code page_size} the API accepts (default 100); a larger one is a 1001 error. */
    public ErpSimulator maxPageSize(int size) {
        this.maxPageSize = size;
        return this;
    }

    // ------------------------------------------------------------------------------------------ seeding and divergence

    /** Puts (or replaces) a sales order; it is modified now, and gets a trade number if it has none. */
    public synchronized SalesOrder put(SalesOrder order) {
        return put(order, Instant.now());
    }

    /** Puts (or replaces) a sales order modified at {@code modified}. */
    public synchronized SalesOrder put(SalesOrder order, Instant modified) {
        SalesOrder old = byOuterNo.get(order.outerNo());
        String tradeNo = order.tradeNo() != null ? order.tradeNo()
                : old != null ? old.tradeNo() : "JY" + LocalDateTime.ofInstant(modified, BEIJING).format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%07d", sequence.incrementAndGet());
        SalesOrder stored = order.withTradeNo(tradeNo).withModified(modified.truncatedTo(ChronoUnit.SECONDS));
        if (old != null) {
            byModified.remove(new Key(old.modified(), old.tradeNo()));
        }
        byOuterNo.put(stored.outerNo(), stored);
        byModified.put(new Key(stored.modified(), stored.tradeNo()), stored);
        version++;
        return stored;
    }

    /** Changes an order as a person in the ERP would (its modification time becomes now). */
    public synchronized SalesOrder update(String outerNo, UnaryOperator<SalesOrder> change) {
        SalesOrder old = byOuterNo.get(outerNo);
        if (old == null) {
            throw new IllegalArgumentException("the ERP has no sales order for " + outerNo);
        }
        return put(change.apply(old));
    }

    /** Loses an order: the ERP never imported it (what "missing in the ERP" looks like). */
    public synchronized boolean remove(String outerNo) {
        SalesOrder old = byOuterNo.remove(outerNo);
        if (old != null) {
            byModified.remove(new Key(old.modified(), old.tradeNo()));
            version++;
        }
        return old != null;
    }

    public synchronized Optional<SalesOrder> find(String outerNo) {
        return Optional.ofNullable(byOuterNo.get(outerNo));
    }

    public synchronized int size() {
        return byOuterNo.size();
    }

    /** The next {@code count} API calls are answered HTTP 503 (an ERP under maintenance). */
    public void failNext(int count) {
        failNext.set(count);
    }

    /** Every API call answered, oldest first. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    /** Forgets every order, call and switch. */
    public synchronized void reset() {
        byOuterNo.clear();
        byModified.clear();
        version++;
        window = null;
        calls.clear();
        failNext.set(0);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private record Answer(int status, Object body) {
    }

    private static final class Refusal extends RuntimeException {
        final int code;

        Refusal(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            byte[] raw = ex.getRequestBody().readAllBytes();
            Answer answer;
            if (path.startsWith("/_sim/")) {
                answer = control(method, path, ex.getRequestURI().getRawQuery(), new String(raw, StandardCharsets.UTF_8));
            } else if (PATH.equals(path) && "POST".equals(method)) {
                answer = tradeQuery(form(new String(raw, StandardCharsets.UTF_8)));
            } else {
                answer = new Answer(404, Map.of("code", 404, "message", "no such API: " + method + " " + path + "; the ERP serves POST " + PATH));
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

    private Answer tradeQuery(Map<String, String> p) {
        Integer pageNo = null;
        Integer pageSize = null;
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            calls.add(new Call(Instant.now(), "trade_query", null, null, 503, -1, 0));
            return new Answer(503, Map.of("code", 503, "message", "system busy (simulated outage), try again later"));
        }
        try {
            checkCredentials(p);
            List<SalesOrder> page;
            int total;
            if (p.get("outer_no") != null && !p.get("outer_no").isBlank()) {
                String[] wanted = p.get("outer_no").split(",");
                if (wanted.length > 50) {
                    throw new Refusal(1001, "outer_no takes at most 50 numbers");
                }
                page = new ArrayList<>();
                synchronized (this) {
                    for (String w : wanted) {
                        SalesOrder o = byOuterNo.get(w.trim());
                        if (o != null) {
                            page.add(o);
                        }
                    }
                }
                total = page.size();
            } else {
                Instant from = time(p, "start_time");
                Instant to = time(p, "end_time");
                if (to.isBefore(from)) {
                    throw new Refusal(1001, "end_time is before start_time");
                }
                pageNo = intParam(p, "page_no", 0);
                pageSize = intParam(p, "page_size", 40);
                if (pageNo < 0 || pageSize < 1 || pageSize > maxPageSize) {
                    throw new Refusal(1001, "page_no must be 0 or more and page_size between 1 and " + maxPageSize);
                }
                synchronized (this) {
                    Window w = window;
                    if (w == null || w.version() != version || !w.from().equals(from) || !w.to().equals(to)) {
                        NavigableMap<Key, SalesOrder> rows = byModified.subMap(new Key(from, ""), true, new Key(to, "\uffff"), true);
                        w = new Window(from, to, version, new ArrayList<>(rows.values()));
                        window = w;
                    }
                    total = w.rows().size();
                    int start = (int) Math.min(total, (long) pageNo * pageSize);
                    page = List.copyOf(w.rows().subList(start, Math.min(total, start + pageSize)));
                }
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("code", 0).put("message", "ok").put("total_count", total);
            ArrayNode trades = out.putArray("trades");
            page.forEach(o -> trades.add(render(o)));
            calls.add(new Call(Instant.now(), "trade_query", pageNo, pageSize, 200, 0, page.size()));
            return new Answer(200, out);
        } catch (Refusal r) {
            calls.add(new Call(Instant.now(), "trade_query", pageNo, pageSize, 200, r.code, 0));
            return new Answer(200, Map.of("code", r.code, "message", r.getMessage()));
        }
    }

    private void checkCredentials(Map<String, String> p) {
        if (!sid.equals(p.get("sid")) || !appKey.equals(p.get("appkey"))) {
            throw new Refusal(1004, "unknown sid or appkey");
        }
        long ts;
        try {
            ts = Long.parseLong(p.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            throw new Refusal(1003, "timestamp must be unix seconds");
        }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
            throw new Refusal(1003, "timestamp is more than 300 s away from the server's clock");
        }
        String expected = sign(p, secret);
        String given = p.get("sign");
        if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal(1002, "sign error: expected upper-hex MD5(secret + sorted k+v pairs without sign + secret)");
        }
    }

    /** The request signature: upper-hex MD5 of secret + every parameter but {@code sign} as name+value, sorted by name + secret. */
    public static String sign(Map<String, String> params, String secret) {
        StringBuilder s = new StringBuilder(secret);
        new TreeMap<>(params).forEach((k, v) -> {
            if (!"sign".equals(k) && v != null && !v.isEmpty()) {
                s.append(k).append(v);
            }
        });
        s.append(secret);
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode render(SalesOrder o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("trade_no", o.tradeNo());
        n.put("outer_no", o.outerNo());
        n.put("platform", o.platform());
        n.put("shop_no", o.shopNo());
        n.put("src_tid", o.srcTid());
        n.put("trade_status", o.tradeStatus());
        n.put("trade_time", local(o.tradeTime()));
        n.put("pay_time", local(o.payTime()));
        n.put("check_time", local(o.checkTime()));
        n.put("consign_time", local(o.consignTime()));
        n.put("currency", o.currency());
        n.put("receivable", money(o.receivable()));
        n.put("goods_amount", money(o.goodsAmount()));
        n.put("post_amount", money(o.postAmount()));
        n.put("discount", money(o.discount()));
        n.put("commission", money(o.commission()));
        n.put("goods_cost", money(o.goodsCost()));
        n.put("warehouse_no", o.warehouseNo());
        n.put("logistics_code", o.logisticsCode());
        n.put("logistics_no", o.logisticsNo());
        n.put("modified", local(o.modified()));
        return n;
    }

    static String local(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, BEIJING).format(LOCAL);
    }

    private static String money(BigDecimal v) {
        return v == null ? null : v.setScale(Math.max(2, v.scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static Instant time(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new Refusal(1001, name + " is required (yyyy-MM-dd HH:mm:ss, Beijing time) unless outer_no is given");
        }
        try {
            return LocalDateTime.parse(v.trim(), LOCAL).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal(1001, name + " must look like 2026-11-22 18:00:00 (Beijing time), not " + v);
        }
    }

    private static int intParam(Map<String, String> p, String name, int fallback) {
        String v = p.get(name);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new Refusal(1001, name + " must be a whole number");
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
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ control API (/_sim)

    private Answer control(String method, String path, String rawQuery, String body) {
        Map<String, String> q = form(rawQuery);
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
                    m.put("service", c.service());
                    m.put("pageNo", c.pageNo());
                    m.put("pageSize", c.pageSize());
                    m.put("status", c.status());
                    m.put("code", c.code());
                    m.put("rows", c.rows());
                    list.add(m);
                }
                return new Answer(200, list);
            }
            if ("POST".equals(method) && "/_sim/reset".equals(path)) {
                reset();
                return new Answer(200, Map.of("reset", true));
            }
            if (p.length >= 3 && "orders".equals(p[2])) {
                if ("POST".equals(method) && p.length == 3) {
                    return new Answer(201, render(put(fromJson(JSON.readTree(body)))));
                }
                if (p.length >= 4) {
                    String outerNo = p[3];
                    if ("GET".equals(method) && p.length == 4) {
                        return find(outerNo).<Answer>map(o -> new Answer(200, render(o)))
                                .orElse(new Answer(404, Map.of("error", "no sales order for " + outerNo)));
                    }
                    if ("DELETE".equals(method) && p.length == 4) {
                        return new Answer(remove(outerNo) ? 200 : 404, Map.of("removed", outerNo));
                    }
                    if ("POST".equals(method) && p.length == 6 && "status".equals(p[4])) {
                        int code = Integer.parseInt(p[5]);
                        return new Answer(200, render(update(outerNo, o -> o.withStatus(code))));
                    }
                }
            }
            return new Answer(404, Map.of("error", "no such control endpoint: " + method + " " + path));
        } catch (IOException | RuntimeException e) {
            return new Answer(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /**
     * A sales order from the control API's JSON: {@code outerNo}, {@code platform}, {@code shopNo}, {@code srcTid},
     * {@code payTime} (ISO instant), {@code currency}, {@code goodsAmount}, {@code postAmount}, {@code discount}; optional
     * {@code tradeStatus}, {@code checkTime}, {@code receivable}, {@code commission}, {@code warehouseNo},
     * {@code logisticsCode}, {@code logisticsNo}, {@code consignTime}.
     */
    private static SalesOrder fromJson(JsonNode n) {
        if (n == null || !n.hasNonNull("outerNo") || !n.hasNonNull("payTime")) {
            throw new IllegalArgumentException("send at least {\"outerNo\", \"platform\", \"shopNo\", \"srcTid\", \"payTime\", "
                    + "\"currency\", \"goodsAmount\", \"postAmount\", \"discount\"}");
        }
        SalesOrder o = SalesOrder.audited(n.get("outerNo").asText(), n.path("platform").asText(null), n.path("shopNo").asText(null),
                n.path("srcTid").asText(null), Instant.parse(n.get("payTime").asText()), n.path("currency").asText("CNY"),
                n.path("goodsAmount").asText("0"), n.path("postAmount").asText("0"), n.path("discount").asText("0"));
        if (n.hasNonNull("tradeStatus")) {
            o = o.withStatus(n.get("tradeStatus").asInt());
        }
        if (n.hasNonNull("checkTime")) {
            o = o.withCheckTime(Instant.parse(n.get("checkTime").asText()));
        }
        if (n.hasNonNull("receivable")) {
            o = o.withReceivable(n.get("receivable").asText());
        }
        if (n.hasNonNull("commission")) {
            o = o.withCommission(n.get("commission").asText());
        }
        if (n.hasNonNull("warehouseNo")) {
            o = o.withWarehouse(n.get("warehouseNo").asText());
        }
        if (n.hasNonNull("logisticsNo")) {
            o = n.hasNonNull("consignTime")
                    ? o.consigned(n.path("logisticsCode").asText("SF"), n.get("logisticsNo").asText(), Instant.parse(n.get("consignTime").asText()))
                    : o.withWaybill(n.path("logisticsCode").asText("SF"), n.get("logisticsNo").asText());
        }
        return o;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
