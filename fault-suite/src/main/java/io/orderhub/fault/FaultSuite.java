package io.orderhub.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.devstack.Stack;
import io.orderhub.fault.OrderDriver.DrivenOrder;
import io.orderhub.fault.OrderDriver.Story;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fault suite: the whole hub as processes (ports +22000), orders streaming in from the marketplace simulator
 * while services are SIGKILLed and restarted and the broker and the database restarted, old statuses replayed for
 * shipped orders, then every invariant checked, a fuzzer and security checks run, and the figures printed.
 */
public final class FaultSuite {
    /**
     * Ports 30081–30096: below Linux's ephemeral range (32768–60999), where a client socket of any build on the machine
     * can hold the port (+30000 once found 38096 taken, seed 7), and clear of system-tests (+10000) and bench (+20000).
     */
    public static final int PORT_OFFSET = 22_000;
    /** The shops' signing secret in this stack: distinctive, so the secrets scan cannot miss it or match by chance. */
    static final String SHOP_SECRET = "fault-suite-shop-secret-7Qz9";

    private FaultSuite() {
    }

    /** Runs the suite and returns its figures (check {@code allGood()}); the report is printed as it ends. */
    public static Figures run(Path repoRoot, String sizeName, long seed) {
        Size size = Size.of(sizeName);
        Figures figures = new Figures();
        Random random = new Random(seed);
        Path work = repoRoot.resolve("fault-suite/target/stack");
        say("size " + size.name() + ": " + size.orders() + " orders over " + size.stream().toSeconds() + " s, " + size.fuzzRequests()
                + " fuzz requests, seed " + seed + " (-Dfaults.seed=" + seed + " repeats the same orders and fuzz)");
        try (Stack stack = new Stack(new Stack.Options(repoRoot, work, PORT_OFFSET, 0, false, SHOP_SECRET))) {
            stack.start().awaitHealthy(Duration.ofMinutes(8)); // six JVMs starting at once on two loaded cores
            Http http = new Http();
            shortenExpressShipBy(stack, http);

            FaultInjector faults = new FaultInjector(stack, figures);
            OrderDriver driver = new OrderDriver(stack, http, figures, random, faults::underWay);
            List<Story> stories = driver.plan(size.orders());
            driver.seedStock(stories);

            say("streaming orders while injecting faults");
            ScheduledExecutorService warehouse = Executors.newSingleThreadScheduledExecutor(r -> OrderDriver.daemon(r, "fault-warehouse"));
            warehouse.scheduleWithFixedDelay(() -> quietly(driver::shipRound), 1, 1, TimeUnit.SECONDS);
            CompletableFuture<Void> injecting = CompletableFuture.runAsync(
                    () -> faults.run(faults.plan(size.killRounds(), size.pairedKills()), size.stream()));
            driver.drive(stories, size.stream());
            injecting.join();
            warehouse.shutdownNow();
            driver.shipTheRest(Duration.ofMinutes(3));

            say("replaying old statuses for shipped orders (the ERP full sync)");
            List<DrivenOrder> replayed = driver.replayOldStatuses(0.25);

            say("waiting for the hub to settle");
            Invariants invariants = new Invariants(stack, http, figures);
            invariants.awaitQuiet(driver.orders(), Duration.ofMinutes(2));

            say("security checks and fuzzing");
            SecurityChecks security = new SecurityChecks(stack, http, figures, SHOP_SECRET);
            security.rememberRows();
            security.tokens();
            security.responseSplitting();
            Fuzzer fuzzer = new Fuzzer(stack, http, figures, random, SHOP_SECRET);
            fuzzer.run(size.fuzzRequests(), driver.orders());
            security.injectionsHarmless();
            try {
                stack.awaitHealthy(Duration.ofSeconds(30));
            } catch (IllegalStateException e) {
                figures.bad("hangs", "after the fuzzer: " + e.getMessage());
            }

            say("checking invariants");
            invariants.checkAll(driver.orders(), driver.seeded(), replayed);
            security.secretsNowhere(work.resolve("logs"), fuzzer.answerBodies());
            faults.log().forEach(line -> say("fault: " + line));
            driver.close();
        }
        System.out.println(figures.report("Fault suite (" + size.name() + ")"));
        return figures;
    }

    /**
     * Ship-by for the express SKU becomes 40 seconds (through alerting's own policy API), so the orders that wait
     * for it pass L1 and L2 while services are being killed: each tier must still fire exactly once.
     */
    private static void shortenExpressShipBy(Stack stack, Http http) {
        String url = stack.url("alerting-service") + "/sla-policy";
        JsonNode current = http.get(url, stack.token("ops")).json();
        ObjectNode policy = Http.JSON.createObjectNode();
        ArrayNode rules = policy.putArray("rules");
        current.path("rules").forEach(rules::add);
        rules.addObject().put("name", "fault-suite-express").put("position", 1).put("category", "fault-express")
                .put("window", "PT40S").put("exempt", false);
        policy.set("packersOnDuty", current.path("packersOnDuty"));
        ObjectNode categories = policy.putObject("skuCategories");
        current.path("skuCategories").fields().forEachRemaining(e -> categories.set(e.getKey(), e.getValue()));
        categories.put(OrderDriver.EXPRESS_PREFIX, "fault-express");
        Http.Answer a = http.put(url, stack.token("admin"), policy);
        if (a.status() != 200) {
            throw new IllegalStateException("cannot set the express ship-by window: " + a.status() + " " + a.body());
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            say("warehouse round failed (retried next round): " + e);
        }
    }

    /** When the suite started: every line says how far in it is, so a slow phase shows in the log. */
    private static final long STARTED = System.nanoTime();

    static void say(String line) {
        System.out.printf("[faults +%ds] %s%n", (System.nanoTime() - STARTED) / 1_000_000_000L, line);
        System.out.flush();
    }

    /** {@code java -cp … io.orderhub.fault.FaultSuite [short|full] [seed]}; exits 1 unless every bad figure is 0. */
    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("orderhub.root", ".")).toAbsolutePath().normalize();
        String size = args.length > 0 ? args[0] : "full";
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        System.exit(run(root, size, seed).allGood() ? 0 : 1);
    }
}
