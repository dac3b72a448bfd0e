package io.orderhub.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.devstack.Stack;
import io.orderhub.devstack.sim.marketplace.Delivery;
import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.orderhub.devstack.sim.marketplace.SimOrder;
import io.orderhub.devstack.sim.marketplace.Snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * Plays the marketplaces and the warehouse: creates orders on the simulated platforms, pushes every version of
 * each up to three times at once and in shuffled order, retries a delivery until the hub answers 2xx (as the
 * platforms do), prints labels and ships what the hub locked, and finally replays old statuses for shipped
 * orders the way an ERP full sync did.
 */
final class OrderDriver {
    static final String WAREHOUSE = "WH-FAULT";
    static final String SHOP = "demo";
    /** Plenty of stock: these never run out. */
    static final List<String> PLENTIFUL = List.of("FS-MUG-01", "FS-MUG-02", "FS-TEA-03", "FS-POT-04");
    /** A SKU with fewer units than the orders that want it: the hub must sell exactly what it has, never more. */
    static final String LAST_UNITS = "FS-LAST-UNITS";
    /** A SKU whose ship-by window the suite shortens, so SLA alerts fire during the run. */
    static final String EXPRESS = "FS-EXP-KETTLE";
    static final String EXPRESS_PREFIX = "FS-EXP-";
    private static final long PLENTY = 1_000_000;
    /**
     * JD and Pinduoduo pushes carry their signing time in the form body, so the simulator's retry of one is other bytes
     * under the same delivery id, which ingest refuses as a 409 conflict (only a byte-identical body is a retry). Their
     * retries go out as new deliveries of the same version; the other four channels retry under the same delivery id.
     */
    static final Set<String> RESIGNED_ON_RETRY = Set.of("jd", "pdd");

    /** What happens to an order, and so the state it must end in. */
    enum Story {
        /** paid → the hub locks stock → the warehouse prints a label and ships: SHIPPED */
        HUB_SHIPS,
        /** paid, then closed on the channel (versions pushed shuffled): CLOSED */
        CHANNEL_CLOSES,
        /** paid, shipped and delivered on the channel (versions pushed shuffled): DELIVERED */
        CHANNEL_DELIVERS,
        /** paid for the last units: STOCK_LOCKED while units last, else PAID held STOCK_SHORTFALL */
        WANTS_LAST_UNITS,
        /** paid, locked, never shipped: its ship-by clock runs out, alerts fire: STOCK_LOCKED */
        WAITS
    }

    /** One order as the suite drove it. */
    static final class DrivenOrder {
        /** Its place in the seeded plan: lists of orders are in this order, not in the order threads happened to run. */
        final int planIndex;
        final String channel;
        final String orderId;
        final Story story;
        final int quantity;
        final Set<String> globalIds = ConcurrentHashMap.newKeySet();
        volatile boolean accepted;
        volatile boolean shippedByHub;
        volatile boolean replayed;

        DrivenOrder(int planIndex, String channel, String orderId, Story story, int quantity) {
            this.planIndex = planIndex;
            this.channel = channel;
            this.orderId = orderId;
            this.story = story;
            this.quantity = quantity;
        }

        String globalId() {
            return globalIds.isEmpty() ? null : globalIds.iterator().next();
        }

        @Override
        public String toString() {
            return channel + ":" + SHOP + ":" + orderId + " (" + story + ", " + globalIds + ")";
        }
    }

    private final Stack stack;
    private final Http http;
    private final Figures figures;
    private final Random random;
    private final BooleanSupplier faultUnderWay;
    private final MarketplaceSimulator sim;
    private final List<DrivenOrder> orders = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> seeded = new LinkedHashMap<>();
    /** One task per order (its story); the copies of a delivery go out on {@link #copyThreads}, so the two never wait on each other. */
    private final ExecutorService storyThreads = Executors.newFixedThreadPool(16, r -> daemon(r, "fault-story"));
    private final ExecutorService copyThreads = Executors.newFixedThreadPool(48, r -> daemon(r, "fault-push"));

    OrderDriver(Stack stack, Http http, Figures figures, Random random, BooleanSupplier faultUnderWay) {
        this.stack = stack;
        this.http = http;
        this.figures = figures;
        this.random = random;
        this.faultUnderWay = faultUnderWay;
        this.sim = stack.marketplace();
    }

    /** The stories of {@code n} orders, decided up front (so the last units can be counted). */
    List<Story> plan(int n) {
        List<Story> stories = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(100);
            stories.add(r < 50 ? Story.HUB_SHIPS : r < 65 ? Story.CHANNEL_CLOSES : r < 80 ? Story.CHANNEL_DELIVERS
                    : r < 90 ? Story.WANTS_LAST_UNITS : Story.WAITS);
        }
        return stories;
    }

    /** Sets on-hand through inventory's REST API: plenty for most SKUs, fewer last units than orders want them. */
    void seedStock(List<Story> stories) {
        long wantLast = stories.stream().filter(s -> s == Story.WANTS_LAST_UNITS).count();
        PLENTIFUL.forEach(sku -> seeded.put(sku, PLENTY));
        seeded.put(EXPRESS, PLENTY);
        seeded.put(LAST_UNITS, Math.max(1, wantLast * 2 / 5));
        seeded.forEach((sku, onHand) -> {
            Http.Answer a = http.put(stack.url("inventory-service") + "/stock/" + WAREHOUSE + "/" + sku, stack.token("warehouse"),
                    Map.of("onHand", onHand));
            if (a.status() != 200) {
                throw new IllegalStateException("cannot seed stock of " + sku + ": " + a.status() + " " + a.body());
            }
        });
    }

    Map<String, Long> seeded() {
        return seeded;
    }

    /** The orders created so far, in plan order (so what is picked from them depends on the seed alone). */
    List<DrivenOrder> orders() {
        synchronized (orders) {
            return orders.stream().sorted(java.util.Comparator.comparingInt(o -> o.planIndex)).toList();
        }
    }

    /** Creates and pushes the planned orders, spread evenly over {@code over}; returns when every one was pushed. */
    void drive(List<Story> stories, Duration over) {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fault-pacer"));
        List<CompletableFuture<Void>> done = new ArrayList<>();
        long spacingMicros = over.toNanos() / 1000 / Math.max(1, stories.size());
        try {
            for (int i = 0; i < stories.size(); i++) {
                int planIndex = i;
                Story story = stories.get(i);
                String channel = MarketplaceSimulator.CHANNELS.get(random.nextInt(MarketplaceSimulator.CHANNELS.size()));
                long seed = random.nextLong();
                CompletableFuture<Void> f = new CompletableFuture<>();
                pacer.schedule(() -> storyThreads.submit(() -> {
                    try {
                        createAndPush(planIndex, channel, story, new Random(seed));
                        f.complete(null);
                    } catch (RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                }), i * spacingMicros, TimeUnit.MICROSECONDS);
                done.add(f);
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        } finally {
            pacer.shutdownNow();
        }
    }

    private void createAndPush(int planIndex, String channel, Story story, Random r) {
        int quantity = story == Story.WANTS_LAST_UNITS ? 1 : 1 + r.nextInt(2);
        String sku = switch (story) {
            case WANTS_LAST_UNITS -> LAST_UNITS;
            case WAITS -> EXPRESS;
            default -> PLENTIFUL.get(r.nextInt(PLENTIFUL.size()));
        };
        SimOrder created = sim.createOrder(channel, SHOP, o -> o.clearLines().line(sku, "Fault suite " + sku, quantity, 4_900));
        DrivenOrder driven = new DrivenOrder(planIndex, channel, created.orderId(), story, quantity);
        orders.add(driven);
        switch (story) {
            case CHANNEL_CLOSES -> sim.update(channel, SHOP, driven.orderId, o -> o.stage(SimOrder.Stage.CLOSED));
            case CHANNEL_DELIVERS -> {
                sim.update(channel, SHOP, driven.orderId, o -> o.shipped("SF", "SF7" + (100_000_000 + r.nextInt(900_000_000))));
                sim.update(channel, SHOP, driven.orderId, o -> o.stage(SimOrder.Stage.DELIVERED));
            }
            default -> {
            }
        }
        List<Snapshot> versions = new ArrayList<>(sim.history(channel, SHOP, driven.orderId));
        Collections.shuffle(versions, r);
        for (Snapshot s : versions) {
            deliver(s, driven, r);
        }
        figures.inc("orders driven");
    }

    /**
     * One version, 1–3 copies at the same moment (the same update through several deliveries), sometimes a platform
     * retry of one of them under its delivery id; each is retried until the hub answers 2xx.
     */
    private void deliver(Snapshot s, DrivenOrder driven, Random r) {
        int copies = 1 + r.nextInt(3);
        List<CompletableFuture<Delivery>> sent = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            sent.add(CompletableFuture.supplyAsync(() -> sim.push(s), copyThreads));
        }
        Delivery first = null;
        for (CompletableFuture<Delivery> f : sent) {
            Delivery d = settle(f.join(), driven);
            first = first == null ? d : first;
        }
        if (r.nextInt(10) < 3) {
            settle(retry(first), driven);
        }
    }

    /** Retries a delivery (same delivery id and bytes) with backoff until the hub takes it, as a platform does. */
    private Delivery settle(Delivery d, DrivenOrder driven) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        long backoffMillis = 250;
        figures.inc("webhook deliveries");
        while (!d.accepted()) {
            if (d.status() >= 400 && d.status() < 500) {
                figures.bad("lost", "a valid webhook was refused " + d.status() + ": " + driven + " " + d.answer());
                return d;
            }
            if (System.nanoTime() > deadline) {
                figures.bad("lost", "the hub never took a delivery of " + driven + ": last answer " + d.status() + " " + d.answer());
                return d;
            }
            if (faultUnderWay.getAsBoolean()) {
                figures.inc("webhook retries during faults");
            } else {
                figures.inc("webhook retries (no fault under way)");
            }
            sleep(backoffMillis); // a platform's retry backoff, not test synchronisation
            backoffMillis = Math.min(backoffMillis * 2, 4_000);
            d = retry(d);
            figures.inc("webhook deliveries");
        }
        driven.accepted = true;
        JsonNode answer = parse(d.answer());
        if (answer != null && answer.hasNonNull("globalOrderId")) {
            driven.globalIds.add(answer.get("globalOrderId").asText());
        }
        return d;
    }

    /** A platform's retry of a delivery: the same delivery id and bytes, or a new delivery where a retry is re-signed. */
    private Delivery retry(Delivery d) {
        return RESIGNED_ON_RETRY.contains(d.channel())
                ? sim.push(sim.history(d.channel(), d.shop(), d.orderId()).get(d.version() - 1))
                : sim.redeliver(d);
    }

    /**
     * The warehouse: every order the hub locked is printed and shipped. Reads the order first, so an action whose
     * answer was lost in a crash is not sent twice. Returns how many hub-shipped orders are not shipped yet.
     */
    int shipRound() {
        int pending = 0;
        for (DrivenOrder o : orders()) {
            if (o.story != Story.HUB_SHIPS || o.shippedByHub) {
                continue;
            }
            pending++;
            String id = o.globalId();
            if (id == null) {
                continue;
            }
            String base = stack.url("order-state-service") + "/orders/" + id;
            Http.Answer order = http.get(base, stack.token("warehouse"));
            if (order.status() != 200) {
                continue; // not consumed yet, or the service is down: next round
            }
            String state = order.json().path("state").asText();
            Http.Answer step = switch (state) {
                case "STOCK_LOCKED" -> http.post(base + "/actions/print-label", stack.token("warehouse"),
                        Map.of("carrier", "SF", "trackingNumber", "SF1" + id.substring(id.length() - 8)));
                case "LABEL_PRINTED" -> http.post(base + "/actions/ship", stack.token("warehouse"), Map.of());
                default -> null;
            };
            if ("SHIPPED".equals(state) || (step != null && step.ok() && "SHIPPED".equals(step.json().path("state").asText()))) {
                o.shippedByHub = true;
                pending--;
            }
        }
        return pending;
    }

    /** Ships until every hub-shipped order is shipped, or fails naming the ones that never got there. */
    void shipTheRest(Duration deadline) {
        try {
            await().atMost(deadline).pollInterval(Duration.ofMillis(500)).until(() -> shipRound() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            orders().stream().filter(o -> o.story == Story.HUB_SHIPS && !o.shippedByHub)
                    .forEach(o -> figures.bad("wrong final state", "never reached STOCK_LOCKED, so never shipped: " + o));
        }
    }

    /**
     * The ERP full-sync incident: for a share of the shipped orders, the channel's first (PAID) version is pushed again
     * under a new delivery id, and the channel itself is set back to PAID (a newer update carrying an old status)
     * and pushed. The hub must keep every one SHIPPED and record the refusal.
     */
    List<DrivenOrder> replayOldStatuses(double share) {
        List<DrivenOrder> shipped = new ArrayList<>(orders().stream().filter(o -> o.shippedByHub).toList());
        Collections.shuffle(shipped, random);
        List<DrivenOrder> batch = shipped.subList(0, (int) Math.ceil(shipped.size() * share));
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (DrivenOrder o : batch) {
            done.add(CompletableFuture.runAsync(() -> {
                settle(sim.push(sim.history(o.channel, SHOP, o.orderId).get(0)), o);
                sim.update(o.channel, SHOP, o.orderId, x -> x.stage(SimOrder.Stage.PAID));
                settle(sim.push(o.channel, SHOP, o.orderId), o);
                o.replayed = true;
                figures.inc("ERP replays of old statuses");
            }, storyThreads));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        return batch;
    }

    void close() {
        storyThreads.shutdownNow();
        copyThreads.shutdownNow();
    }

    private static JsonNode parse(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
