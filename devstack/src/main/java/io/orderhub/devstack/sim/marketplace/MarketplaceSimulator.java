package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The six marketplaces (Shopify, Taobao/Tmall, JD, Pinduoduo, Douyin shop, Xiaohongshu) and a retailer's own app
 * (the generic channel {@code app}, in the hub's documented format) on one port, each
 * speaking its own wire format (shared/platform-payloads): it keeps orders per channel and shop, <b>pushes
 * signed webhooks</b> to the hub (also duplicated, late and out of order, on request), <b>serves the pull
 * APIs</b> (orders changed in a time window, paged, with the platform's own request signature checked) and
 * <b>accepts write-back</b> (Shopify fulfillments, the Chinese platforms' ship calls, the app's signed
 * {@code POST /app/<shop>/orderhub/v1/orders/<id>/shipments}), recording what it
 * received, with switches to fail the next N calls or answer a conflict.
 *
 * <pre>
 * MarketplaceSimulator sim = MarketplaceSimulator.start(8090, "demo-secret").webhookTarget("http://localhost:8081");
 * SimOrder o = sim.createOrder("taobao", "demo");      // a paid order, not pushed yet
 * sim.push("taobao", "demo", o.orderId());              // signed POST /webhooks/taobao/demo
 * sim.update("taobao", "demo", o.orderId(), x -> x.stage(SimOrder.Stage.CLOSED));   // a change only the pull sees
 * </pre>
 *
 * People drive it over HTTP under {@code /sim} (see {@code GET /sim}); {@link #main} runs it on its own
 * ({@code ORDERHUB_SIM_PORT}, {@code ORDERHUB_DEMO_SECRET}, {@code ORDERHUB_SIM_WEBHOOK_TARGET}).
 */
public final class MarketplaceSimulator implements AutoCloseable {
    public static final int DEFAULT_PORT = 8090;
    public static final String DEFAULT_APP_KEY = "demo-app";
    /** The six marketplaces (each also has a ship/fulfil write-back API). */
    public static final List<String> CHANNELS = List.of("shopify", "taobao", "jd", "pdd", "douyin", "xhs");
    /** The generic channel: a retailer's own mini-program or app in the hub's documented format (its write-back: {@code POST …/shipments}). */
    public static final String APP = AppFormat.CHANNEL;
    /** Every channel the simulator speaks: the six marketplaces and the generic app channel. */
    public static final List<String> ALL_CHANNELS = List.of("shopify", "taobao", "jd", "pdd", "douyin", "xhs", APP);

    /** A call to a platform API, as the simulator saw it. */
    public record ApiCall(String channel, String api, String shop, Instant at, int status) {
    }

    /** How a write-back API renders the simulator's decision in its own format. */
    interface WriteBackAnswer {
        ApiAnswer render(String outcome, String reason);
    }

    private final HttpServer server;
    private final ExecutorService serverThreads;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final String secret;
    private volatile String appKey = DEFAULT_APP_KEY;
    private volatile String webhookTarget = "http://localhost:8081";
    private final Map<String, ChannelFormat> formats = new LinkedHashMap<>();
    private final Map<String, SimOrder> orders = new LinkedHashMap<>();
    private final Map<String, List<Snapshot>> history = new LinkedHashMap<>();
    /** Each shop's latest versions in the order the list APIs serve them: a window is a range, not a scan of every order. */
    private final Map<String, java.util.NavigableSet<Snapshot>> latestByShop = new java.util.HashMap<>();
    private static final Comparator<Snapshot> SERVED_ORDER = Comparator.comparing(Snapshot::updatedAt).thenComparing(Snapshot::orderId);
    private final Map<String, String> shopByToken = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByShop = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<WriteBack> writeBacks = new CopyOnWriteArrayList<>();
    private final List<ApiCall> apiCalls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failWriteBacks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> conflictWriteBacks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failPulls = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong((System.currentTimeMillis() / 1000) % 10_000_000L * 1000);

    private MarketplaceSimulator(int port, String secret) throws IOException {
        this.secret = Objects.requireNonNull(secret, "secret");
        for (ChannelFormat f : List.of(new ShopifyFormat(this), new TaobaoFormat(this), new JdFormat(this), new PddFormat(this),
                new DouyinFormat(this), new XhsFormat(this), new AppFormat(this))) {
            formats.put(f.channel(), f);
        }
        shop("demo", "demo-token");
        server = HttpServer.create(new InetSocketAddress(port), 64);
        serverThreads = Executors.newFixedThreadPool(8, daemon("marketplace-sim-http"));
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("marketplace-sim-late"));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(Executors.newCachedThreadPool(daemon("marketplace-sim-push")))
                .build();
        server.setExecutor(serverThreads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the simulator on {@code port} (0 = any free port) signing with {@code secret} (the shops' secret). */
    public static MarketplaceSimulator start(int port, String secret) {
        try {
            return new MarketplaceSimulator(port, secret);
        } catch (IOException e) {
            throw new IllegalStateException("the marketplace simulator cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Runs on {@code ORDERHUB_SIM_PORT} (default 8090) until stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : Integer.parseInt(env("ORDERHUB_SIM_PORT", String.valueOf(DEFAULT_PORT)));
        MarketplaceSimulator sim = start(port, env("ORDERHUB_DEMO_SECRET", "demo-secret"))
                .webhookTarget(env("ORDERHUB_SIM_WEBHOOK_TARGET", "http://localhost:8081"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }));
        System.out.println("[marketplace-sim] " + sim.url() + " (GET " + sim.url() + "/sim for the control API), pushing to "
                + sim.webhookTarget());
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    // ------------------------------------------------------------------------------------------ settings

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:<port>}: the base URL of every simulated platform API (Shopify: {@code /shopify/<shop>}). */
    public String url() {
        return "http://localhost:" + port();
    }

    public String secret() {
        return secret;
    }

    public String appKey() {
        return appKey;
    }

    public MarketplaceSimulator appKey(String appKey) {
        this.appKey = appKey;
        return this;
    }

    /** Where webhooks go: {@code <baseUrl>/webhooks/<channel>/<shop>}. */
    public MarketplaceSimulator webhookTarget(String baseUrl) {
        this.webhookTarget = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return this;
    }

    public String webhookTarget() {
        return webhookTarget;
    }

    /** Registers a shop and the access token its API calls carry (shop {@code demo}: {@code demo-token}). */
    public MarketplaceSimulator shop(String shop, String accessToken) {
        String old = tokenByShop.put(shop, accessToken);
        if (old != null) {
            shopByToken.remove(old);
        }
        shopByToken.put(accessToken, shop);
        return this;
    }

    /** The access token the API accepts for {@code shop} ({@code <shop>-token} unless registered otherwise). */
    public String shopToken(String shop) {
        return tokenByShop.computeIfAbsent(shop, s -> {
            shopByToken.put(s + "-token", s);
            return s + "-token";
        });
    }

    String shopForToken(String token) {
        return token == null ? null : shopByToken.get(token);
    }

    // ------------------------------------------------------------------------------------------ orders

    /** A new paid order with the platform's demo lines and address, created now (not pushed). */
    public SimOrder createOrder(String channel, String shop) {
        return createOrder(channel, shop, o -> { });
    }

    /** A new order; {@code setup} may change its stage, lines, amounts or extra fields before its first version. */
    public synchronized SimOrder createOrder(String channel, String shop, Consumer<SimOrder> setup) {
        ChannelFormat f = format(channel);
        shopToken(shop);
        SimOrder o = new SimOrder(channel, shop, f.newOrderId(sequence.incrementAndGet()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        o.currency = f.currency();
        o.createdAt = now.minusSeconds(20);
        f.seed(o);
        o.stage(SimOrder.Stage.PAID);
        o.paidAt = now.minusSeconds(5);
        setup.accept(o);
        orders.put(key(channel, shop, o.orderId), o);
        snapshot(o);
        return o;
    }

    /** Changes an order (a new version with a newer update time), as a change on the platform would. Not pushed. */
    public synchronized SimOrder update(String channel, String shop, String orderId, Consumer<SimOrder> change) {
        SimOrder o = require(channel, shop, orderId);
        change.accept(o);
        snapshot(o);
        return o;
    }

    public synchronized SimOrder order(String channel, String shop, String orderId) {
        return require(channel, shop, orderId);
    }

    public synchronized List<SimOrder> orders() {
        return List.copyOf(orders.values());
    }

    /** The latest version as the platform serves it. */
    public synchronized Snapshot snapshot(String channel, String shop, String orderId) {
        List<Snapshot> versions = history.get(key(channel, shop, orderId));
        if (versions == null) {
            throw new IllegalArgumentException("no order " + key(channel, shop, orderId) + " in the simulator");
        }
        return versions.get(versions.size() - 1);
    }

    /** Every version of an order, oldest first. */
    public synchronized List<Snapshot> history(String channel, String shop, String orderId) {
        List<Snapshot> versions = history.get(key(channel, shop, orderId));
        return versions == null ? List.of() : List.copyOf(versions);
    }

    private SimOrder require(String channel, String shop, String orderId) {
        SimOrder o = orders.get(key(channel, shop, orderId));
        if (o == null) {
            throw new IllegalArgumentException("no order " + key(channel, shop, orderId) + " in the simulator");
        }
        return o;
    }

    private Snapshot snapshot(SimOrder o) {
        List<Snapshot> versions = history.computeIfAbsent(key(o.channel, o.shop, o.orderId), k -> new ArrayList<>());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // the platforms' update times have one-second resolution: every version is at least a second newer
        Instant previous = versions.isEmpty() ? null : versions.get(versions.size() - 1).updatedAt();
        o.updatedAt = previous != null && !now.isAfter(previous) ? previous.plusSeconds(1) : now;
        o.version = versions.size() + 1;
        ChannelFormat f = format(o.channel);
        ObjectNode order = f.render(o);
        Snapshot s = new Snapshot(o.channel, o.shop, o.orderId, o.version, o.updatedAt, o.stage, order,
                ChannelFormat.compact(f.detail(order.deepCopy())));
        java.util.NavigableSet<Snapshot> latest = latestByShop.computeIfAbsent(o.channel + ":" + o.shop,
                k -> new java.util.TreeSet<>(SERVED_ORDER));
        if (!versions.isEmpty()) {
            latest.remove(versions.get(versions.size() - 1));
        }
        versions.add(s);
        latest.add(s);
        return s;
    }

    /** The latest version of every order of the shop updated within [from, to], oldest update first. */
    synchronized List<Snapshot> changed(String channel, String shop, Instant from, Instant to) {
        java.util.NavigableSet<Snapshot> latest = latestByShop.get(channel + ":" + shop);
        if (latest == null || to.isBefore(from)) {
            return new ArrayList<>();
        }
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot s : latest.tailSet(probe(from), true)) {
            if (s.updatedAt().isAfter(to)) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    /** A key that sorts before every version updated at {@code at}. */
    private static Snapshot probe(Instant at) {
        return new Snapshot(null, null, "", 0, at, null, null, null);
    }

    synchronized Snapshot latest(String channel, String shop, String orderId) {
        List<Snapshot> versions = history.get(key(channel, shop, orderId));
        return versions == null ? null : versions.get(versions.size() - 1);
    }

    private static String key(String channel, String shop, String orderId) {
        return channel + ":" + shop + ":" + orderId;
    }

    ChannelFormat format(String channel) {
        ChannelFormat f = formats.get(channel == null ? "" : channel.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException("unknown channel '" + channel + "'; the simulator has " + formats.keySet());
        }
        return f;
    }

    // ------------------------------------------------------------------------------------------ pushes

    /** Pushes the latest version, signed, under a fresh delivery id. */
    public Delivery push(String channel, String shop, String orderId) {
        return push(snapshot(channel, shop, orderId));
    }

    /** Pushes one version (an older one is a late or out-of-order delivery) under a fresh delivery id. */
    public Delivery push(Snapshot s) {
        return send(s, newDeliveryId(s.channel()), false);
    }

    /** The same delivery again (same delivery id and bytes): what a platform does when it saw no 2xx in time. */
    public Delivery redeliver(Delivery d) {
        Snapshot s = history(d.channel(), d.shop(), d.orderId()).get(d.version() - 1);
        return send(s, d.deliveryId(), d.notification());
    }

    /** Pushes the latest version {@code times} times under one delivery id, one after another (at-least-once retries). */
    public List<Delivery> pushDuplicates(String channel, String shop, String orderId, int times) {
        Snapshot s = snapshot(channel, shop, orderId);
        String id = newDeliveryId(channel);
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(send(s, id, false));
        }
        return out;
    }

    /** Pushes the latest version {@code times} times at the same moment, under one delivery id or distinct ones. */
    public List<Delivery> pushConcurrently(String channel, String shop, String orderId, int times, boolean sameDeliveryId) {
        Snapshot s = snapshot(channel, shop, orderId);
        String shared = newDeliveryId(channel);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Delivery>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(times, daemon("marketplace-sim-burst"));
        try {
            for (int i = 0; i < times; i++) {
                String id = sameDeliveryId ? shared : newDeliveryId(channel);
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return send(s, id, false);
                }, pool));
            }
            go.countDown();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /** Pushes every version of the order, newest first: an out-of-order burst. */
    public List<Delivery> pushOutOfOrder(String channel, String shop, String orderId) {
        List<Snapshot> versions = new ArrayList<>(history(channel, shop, orderId));
        java.util.Collections.reverse(versions);
        return versions.stream().map(this::push).toList();
    }

    /** Pushes one version after {@code delay}: a late delivery. */
    public CompletableFuture<Delivery> pushLate(Snapshot s, Duration delay) {
        CompletableFuture<Delivery> result = new CompletableFuture<>();
        scheduler.schedule(() -> {
            try {
                result.complete(push(s));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return result;
    }

    /**
     * Pushes the platform's own thin change notification for the latest version (Taobao TMC message, Pinduoduo PMC
     * frame, Douyin message array, JD order-change): no lines, the receiver must fetch the order. Shopify and
     * Xiaohongshu have none; they get the full document.
     */
    public Delivery pushNotification(String channel, String shop, String orderId) {
        return send(snapshot(channel, shop, orderId), newDeliveryId(channel), true);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private String newDeliveryId(String channel) {
        long n = sequence.incrementAndGet();
        return switch (channel) {
            case "taobao" -> String.valueOf(2_412_000_000_000_000_000L + n);
            case "pdd" -> String.valueOf(71_000_000_000_000L + n);
            case "douyin" -> "7438290" + String.format("%012d", n) + ":" + n;
            default -> UUID.randomUUID().toString();
        };
    }

    private Delivery send(Snapshot s, String deliveryId, boolean notification) {
        ChannelFormat f = format(s.channel());
        String topic = f.topic(s.stage(), s.version());
        ChannelFormat.Push push = notification ? f.notification(s, deliveryId, topic) : null;
        boolean thin = push != null;
        if (push == null) {
            push = f.push(s, deliveryId, topic);
        }
        String query = push.query().isEmpty() ? "" : "?" + push.query().entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String url = webhookTarget + "/webhooks/" + s.channel() + "/" + enc(s.shop()) + query;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(push.body()));
        push.headers().forEach(request::header);
        int status;
        String answer;
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            status = r.statusCode();
            answer = r.body();
        } catch (IOException e) {
            status = -1;
            answer = "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
            answer = "interrupted";
        }
        Delivery d = new Delivery(s.channel(), s.shop(), s.orderId(), s.version(), deliveryId, topic, thin, push.headers(), url,
                Instant.now(), status, answer);
        deliveries.add(d);
        return d;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------------------------------ write-back and switches

    /** Every write-back call received, oldest first. */
    public List<WriteBack> writeBacks() {
        return List.copyOf(writeBacks);
    }

    public List<WriteBack> writeBacks(String channel) {
        return writeBacks.stream().filter(w -> w.channel().equals(channel)).toList();
    }

    /** The next {@code times} write-back calls on the channel fail as a transient platform error (retry later). */
    public MarketplaceSimulator failWriteBacks(String channel, int times) {
        failWriteBacks.computeIfAbsent(format(channel).channel(), c -> new AtomicInteger()).set(times);
        return this;
    }

    /** The next {@code times} write-back calls on the channel are refused with a conflict (the platform disagrees). */
    public MarketplaceSimulator conflictWriteBacks(String channel, int times) {
        conflictWriteBacks.computeIfAbsent(format(channel).channel(), c -> new AtomicInteger()).set(times);
        return this;
    }

    /** The next {@code times} order-list calls on the channel fail as a transient platform error. */
    public MarketplaceSimulator failPulls(String channel, int times) {
        failPulls.computeIfAbsent(format(channel).channel(), c -> new AtomicInteger()).set(times);
        return this;
    }

    /** Every platform API call received (pulls, detail fetches, write-backs), oldest first. */
    public List<ApiCall> apiCalls() {
        return List.copyOf(apiCalls);
    }

    boolean takePullFailure(String channel) {
        return take(failPulls, channel);
    }

    private static boolean take(Map<String, AtomicInteger> switches, String channel) {
        AtomicInteger left = switches.get(channel);
        return left != null && left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /**
     * Decides a write-back (switches first, then the platform's own state: a closed order, or one already
     * shipped with another tracking number, is a conflict), lets the format render the answer, records it, and
     * on success marks the order shipped (a new version).
     */
    synchronized ApiAnswer writeBack(String channel, String shop, String api, String orderId, String trackingNumber,
            String carrierCode, Map<String, String> params, WriteBackAnswer format) {
        String outcome;
        String reason;
        SimOrder o = orderId == null ? null : orders.get(key(channel, shop, orderId));
        if (take(failWriteBacks, channel)) {
            outcome = WriteBack.FAILED;
            reason = "simulated outage: the platform is temporarily unavailable";
        } else if (take(conflictWriteBacks, channel)) {
            outcome = WriteBack.CONFLICT;
            reason = "simulated conflict: the platform holds another state for this order";
        } else if (o == null) {
            outcome = WriteBack.CONFLICT;
            reason = "no order " + orderId + " in shop " + shop;
        } else if (trackingNumber == null || trackingNumber.isBlank()) {
            outcome = WriteBack.CONFLICT;
            reason = "a tracking number is required";
        } else if (o.stage == SimOrder.Stage.CLOSED) {
            outcome = WriteBack.CONFLICT;
            reason = "order " + orderId + " is closed on the platform (cancelled or refunded): it must not ship";
        } else if (o.stage == SimOrder.Stage.PENDING_PAYMENT) {
            outcome = WriteBack.CONFLICT;
            reason = "order " + orderId + " is not paid on the platform";
        } else if ((o.stage == SimOrder.Stage.SHIPPED || o.stage == SimOrder.Stage.DELIVERED) && o.trackingNumber != null
                && !o.trackingNumber.equals(trackingNumber)) {
            outcome = WriteBack.CONFLICT;
            reason = "order " + orderId + " already shipped with tracking number " + o.trackingNumber;
        } else {
            outcome = WriteBack.ACCEPTED;
            reason = null;
        }
        ApiAnswer answer = format.render(outcome, reason);
        writeBacks.add(new WriteBack(channel, shop, api, orderId, trackingNumber, carrierCode, Map.copyOf(params), Instant.now(),
                answer.status(), outcome, answer.text()));
        if (WriteBack.ACCEPTED.equals(outcome) && o != null && !(o.stage == SimOrder.Stage.SHIPPED
                && trackingNumber.equals(o.trackingNumber)) && o.stage != SimOrder.Stage.DELIVERED) {
            o.shipped(carrierCode, trackingNumber);
            snapshot(o);
        }
        return answer;
    }

    /** Forgets every order, delivery, write-back, API call and switch. */
    public synchronized void reset() {
        orders.clear();
        history.clear();
        latestByShop.clear();
        deliveries.clear();
        writeBacks.clear();
        apiCalls.clear();
        failWriteBacks.clear();
        conflictWriteBacks.clear();
        failPulls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        serverThreads.shutdownNow();
        scheduler.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            ApiRequest request = ApiRequest.read(exchange);
            ApiAnswer answer;
            if (request.path().equals("/sim") || request.path().startsWith("/sim/")) {
                answer = control(request);
            } else {
                ChannelFormat f = formats.values().stream()
                        .filter(x -> x.apiPrefixes().stream().anyMatch(p -> request.path().startsWith(p)))
                        .findFirst().orElse(null);
                if (f == null) {
                    answer = ApiAnswer.json(404, "{\"error\":\"no simulated platform API at " + request.path()
                            + "; GET /sim lists what the simulator serves\"}");
                } else {
                    try {
                        answer = f.api(request);
                    } catch (RuntimeException e) {
                        answer = ApiAnswer.json(500, "{\"error\":" + ChannelFormat.JSON.writeValueAsString(String.valueOf(e)) + "}");
                    }
                    Map<String, String> params = request.params();
                    String api = params.getOrDefault("method", params.getOrDefault("type", request.method() + " " + request.path()));
                    if (f.channel().equals("xhs")) {
                        JsonNode body = ChannelFormat.parse(request.bodyText());
                        api = body == null || body.get("method") == null ? api : body.get("method").asText();
                    }
                    apiCalls.add(new ApiCall(f.channel(), api, null, Instant.now(), answer.status()));
                }
            }
            byte[] body = answer.body();
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    // ------------------------------------------------------------------------------------------ control API (/sim)

    private ApiAnswer control(ApiRequest r) {
        String[] p = r.path().replaceAll("/+$", "").split("/");
        // p[0] = "", p[1] = "sim"
        try {
            if (p.length == 2 && r.method().equals("GET")) {
                return ApiAnswer.json(200, help());
            }
            String what = p[2];
            Map<String, String> q = r.query();
            switch (what) {
                case "orders" -> {
                    if (r.method().equals("GET") && p.length == 3) {
                        ArrayNode list = ChannelFormat.JSON.createArrayNode();
                        orders().forEach(o -> list.add(summary(o)));
                        return ApiAnswer.json(200, ChannelFormat.compactText(list));
                    }
                    if (p.length == 5 && r.method().equals("POST")) {
                        String stage = q.get("stage");
                        SimOrder o = createOrder(p[3], p[4], x -> {
                            if (stage != null) {
                                x.stage(SimOrder.Stage.valueOf(stage.toUpperCase(Locale.ROOT)));
                            }
                        });
                        return created(o, !"false".equals(q.get("push")), false);
                    }
                    if (p.length == 6 && r.method().equals("GET")) {
                        return new ApiAnswer(200, "application/json; charset=utf-8", snapshot(p[3], p[4], p[5]).document(), Map.of());
                    }
                    if (p.length == 7 && r.method().equals("POST") && p[6].equals("push")) {
                        int times = ChannelFormat.intParam(q.get("times"), 1);
                        boolean thin = "true".equals(q.get("notification"));
                        ObjectNode out = ChannelFormat.obj();
                        ArrayNode sent = out.putArray("deliveries");
                        if (thin) {
                            sent.add(deliveryJson(pushNotification(p[3], p[4], p[5])));
                        } else if (q.containsKey("version")) {
                            List<Snapshot> versions = history(p[3], p[4], p[5]);
                            int v = ChannelFormat.intParam(q.get("version"), versions.size());
                            if (v < 1 || v > versions.size()) {
                                throw new IllegalArgumentException("version must be between 1 and " + versions.size());
                            }
                            sent.add(deliveryJson(push(versions.get(v - 1))));
                        } else if ("true".equals(q.get("outOfOrder"))) {
                            pushOutOfOrder(p[3], p[4], p[5]).forEach(d -> sent.add(deliveryJson(d)));
                        } else if (times <= 1) {
                            sent.add(deliveryJson(push(p[3], p[4], p[5])));
                        } else {
                            pushDuplicates(p[3], p[4], p[5], times).forEach(d -> sent.add(deliveryJson(d)));
                        }
                        return ApiAnswer.json(200, ChannelFormat.compactText(out));
                    }
                    if (p.length == 8 && r.method().equals("POST") && p[6].equals("stage")) {
                        SimOrder.Stage stage = SimOrder.Stage.valueOf(p[7].toUpperCase(Locale.ROOT));
                        SimOrder o = update(p[3], p[4], p[5], x -> {
                            if (stage == SimOrder.Stage.SHIPPED && q.get("trackingNumber") != null) {
                                x.shipped(q.getOrDefault("carrier", "SF"), q.get("trackingNumber"));
                            } else {
                                x.stage(stage);
                            }
                        });
                        return created(o, !"false".equals(q.get("push")), true);
                    }
                }
                case "deliveries" -> {
                    ArrayNode list = ChannelFormat.JSON.createArrayNode();
                    deliveries().forEach(d -> list.add(deliveryJson(d)));
                    return ApiAnswer.json(200, ChannelFormat.compactText(list));
                }
                case "write-backs" -> {
                    if (r.method().equals("GET")) {
                        return ApiAnswer.json(200, ChannelFormat.JSON.writeValueAsString(writeBacks()));
                    }
                    if (p.length == 5 && r.method().equals("POST")) {
                        int times = ChannelFormat.intParam(q.get("times"), 1);
                        if (p[4].equals("fail")) {
                            failWriteBacks(p[3], times);
                        } else if (p[4].equals("conflict")) {
                            conflictWriteBacks(p[3], times);
                        } else {
                            break;
                        }
                        return ApiAnswer.json(200, "{\"channel\":\"" + p[3] + "\",\"" + p[4] + "\":" + times + "}");
                    }
                }
                case "pulls" -> {
                    if (p.length == 5 && r.method().equals("POST") && p[4].equals("fail")) {
                        failPulls(p[3], ChannelFormat.intParam(q.get("times"), 1));
                        return ApiAnswer.json(200, "{\"channel\":\"" + p[3] + "\",\"fail\":" + q.getOrDefault("times", "1") + "}");
                    }
                    if (r.method().equals("GET")) {
                        return ApiAnswer.json(200, ChannelFormat.JSON.writeValueAsString(apiCalls()));
                    }
                }
                case "webhook-target" -> {
                    if (r.method().equals("PUT") || r.method().equals("POST")) {
                        JsonNode body = ChannelFormat.parse(r.bodyText());
                        String url = q.getOrDefault("url", body == null ? null : ChannelFormat.text(body, "url"));
                        if (url == null) {
                            return ApiAnswer.json(400, "{\"error\":\"send {\\\"url\\\": \\\"http://localhost:8081\\\"}\"}");
                        }
                        webhookTarget(url);
                    }
                    return ApiAnswer.json(200, "{\"url\":\"" + webhookTarget + "\"}");
                }
                case "reset" -> {
                    if (r.method().equals("POST")) {
                        reset();
                        return ApiAnswer.json(200, "{\"reset\":true}");
                    }
                }
                default -> {
                }
            }
            return ApiAnswer.json(404, "{\"error\":\"no such control endpoint: " + r.method() + " " + r.path() + "; GET /sim lists them\"}");
        } catch (IllegalArgumentException e) {
            return ApiAnswer.json(400, "{\"error\":" + quote(e.getMessage()) + "}");
        } catch (IOException e) {
            return ApiAnswer.json(500, "{\"error\":" + quote(e.toString()) + "}");
        }
    }

    private ApiAnswer created(SimOrder o, boolean push, boolean update) {
        ObjectNode out = summary(o);
        if (push) {
            out.set("delivery", deliveryJson(push(o.channel, o.shop, o.orderId)));
        }
        return ApiAnswer.json(update ? 200 : 201, ChannelFormat.compactText(out));
    }

    private synchronized ObjectNode summary(SimOrder o) {
        ObjectNode n = ChannelFormat.obj();
        n.put("channel", o.channel).put("shop", o.shop).put("orderId", o.orderId).put("version", o.version)
                .put("stage", o.stage.name()).put("total", ChannelFormat.major(o.totalMinor())).put("currency", o.currency)
                .put("updatedAt", String.valueOf(o.updatedAt));
        if (o.statusOverride != null) {
            n.put("status", o.statusOverride);
        }
        if (o.trackingNumber != null) {
            n.put("carrier", o.carrier).put("trackingNumber", o.trackingNumber);
        }
        return n;
    }

    private static ObjectNode deliveryJson(Delivery d) {
        ObjectNode n = ChannelFormat.obj();
        n.put("channel", d.channel()).put("shop", d.shop()).put("orderId", d.orderId()).put("version", d.version())
                .put("deliveryId", d.deliveryId()).put("topic", d.topic()).put("notification", d.notification())
                .put("status", d.status()).put("sentAt", d.sentAt().toString());
        JsonNode answer = ChannelFormat.parse(d.answer());
        if (answer != null && !answer.isMissingNode()) {
            n.set("answer", answer);
        } else {
            n.put("answer", d.answer());
        }
        return n;
    }

    private static String quote(String s) {
        try {
            return ChannelFormat.JSON.writeValueAsString(s);
        } catch (IOException e) {
            return "\"\"";
        }
    }

    private String help() {
        ObjectNode n = ChannelFormat.obj();
        n.put("simulator", "marketplaces: " + String.join(", ", CHANNELS) + "; generic channel: " + APP);
        n.put("webhookTarget", webhookTarget);
        n.put("appKey", appKey);
        ArrayNode control = n.putArray("control");
        control.add("POST /sim/orders/{channel}/{shop}[?stage=PAID&push=true]  create an order (and push it signed)");
        control.add("POST /sim/orders/{channel}/{shop}/{orderId}/stage/{STAGE}[?push=true&trackingNumber=&carrier=]  change it");
        control.add("POST /sim/orders/{channel}/{shop}/{orderId}/push[?times=N | ?version=N | ?outOfOrder=true | ?notification=true]"
                + "  (re)push it: N retries of one delivery, an older version (late), every version newest first, the thin notification");
        control.add("GET  /sim/orders, GET /sim/orders/{channel}/{shop}/{orderId} (the platform's document)");
        control.add("GET  /sim/deliveries, GET /sim/write-backs, GET /sim/pulls (API calls received)");
        control.add("POST /sim/write-backs/{channel}/fail?times=N | /conflict?times=N, POST /sim/pulls/{channel}/fail?times=N");
        control.add("PUT  /sim/webhook-target {\"url\"}, POST /sim/reset");
        ArrayNode apis = n.putArray("platformApis");
        formats.values().forEach(f -> apis.add(f.channel() + ": " + String.join(", ", f.apiPrefixes())));
        return ChannelFormat.compactText(n);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
