package io.orderhub.devstack;

import io.orderhub.devstack.infra.Kafka;
import io.orderhub.devstack.infra.Postgres;
import io.orderhub.devstack.jwt.DevKeys;
import io.orderhub.devstack.sim.alerts.AlertReceivers;
import io.orderhub.devstack.sim.carrier.CarrierSimulator;
import io.orderhub.devstack.sim.erp.ErpSimulator;
import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.orderhub.devstack.sim.wms.WmsSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The whole hub on one machine without Docker: a real PostgreSQL (one database per service), a real
 * Kafka KRaft broker in this JVM, and the six services as separate processes started from their
 * built jars. Used by {@code ./hub up} and by the system tests.
 */
public final class Stack implements AutoCloseable {

    /** One service: its module, its local port and its own database. */
    public record Service(String name, int port, String database) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service("order-ingest-service", 8081, "orderhub_ingest"),
            new Service("order-state-service", 8082, "orderhub_state"),
            new Service("inventory-service", 8083, "orderhub_inventory"),
            new Service("reconciliation-service", 8084, "orderhub_reconciliation"),
            new Service("returns-service", 8085, "orderhub_returns"),
            new Service("alerting-service", 8086, "orderhub_alerting"));

    /**
     * @param repoRoot   the checkout (service jars under {@code <module>/target/quarkus-app/})
     * @param workDir    where logs, the PostgreSQL data and the dev JWT keys live
     * @param portOffset added to every service port (0 for the local stack; tests use another range)
     * @param pgPort     the PostgreSQL port (0 = any free port)
     * @param keepData   keep PostgreSQL's data directory between runs
     */
    public record Options(Path repoRoot, Path workDir, int portOffset, int pgPort, boolean keepData, String demoSecret) {
    }

    /** Simulators of the outside world and their local ports (plus the stack's port offset). */
    public static final int MARKETPLACE_PORT = 8090;
    public static final int WMS_PORT = 8091;
    public static final int ALERT_RECEIVERS_PORT = 8092;
    public static final int ERP_PORT = 8095;
    public static final int CARRIER_PORT = 8096;

    private final Options options;
    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private final List<AutoCloseable> simulators = new ArrayList<>();
    private MarketplaceSimulator marketplace;
    private WmsSimulator wms;
    private AlertReceivers alertReceivers;
    private ErpSimulator erp;
    private CarrierSimulator carrier;
    private Postgres postgres;
    private Kafka kafka;
    private DevKeys keys;

    public Stack(Options options) {
        this.options = options;
    }

    public Stack start() {
        try {
            Files.createDirectories(options.workDir().resolve("logs"));
            log("starting PostgreSQL");
            postgres = Postgres.start(options.pgPort(),
                    options.keepData() ? Optional.of(options.workDir().resolve("pgdata")) : Optional.empty());
            for (Service s : SERVICES) {
                postgres.ensureDatabase(s.database());
            }
            log("PostgreSQL on " + postgres.host() + ":" + postgres.port());
            log("starting Kafka (KRaft)");
            kafka = Kafka.start();
            log("Kafka at " + kafka.bootstrapServers());
            keys = DevKeys.loadOrCreate(options.workDir().resolve("jwt"));
            startSimulators();
            for (Service s : SERVICES) {
                processes.put(s, launch(s));
            }
            return this;
        } catch (IOException e) {
            close();
            throw new IllegalStateException("the stack did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startSimulators() {
        int off = options.portOffset();
        marketplace = keep(MarketplaceSimulator.start(MARKETPLACE_PORT + off, options.demoSecret()));
        marketplace.webhookTarget(url("order-ingest-service"));
        wms = keep(WmsSimulator.start(WMS_PORT + off));
        alertReceivers = keep(AlertReceivers.start(ALERT_RECEIVERS_PORT + off));
        erp = keep(ErpSimulator.start(ERP_PORT + off));
        carrier = keep(CarrierSimulator.start(CARRIER_PORT + off));
        log("simulators: marketplace " + sim(MARKETPLACE_PORT) + ", WMS " + sim(WMS_PORT) + ", alert receivers "
                + sim(ALERT_RECEIVERS_PORT) + ", ERP " + sim(ERP_PORT) + ", carrier " + sim(CARRIER_PORT));
    }

    private <T extends AutoCloseable> T keep(T simulator) {
        simulators.add(simulator);
        return simulator;
    }

    /** A simulator's base URL in this stack. */
    public String sim(int localPort) {
        return "http://localhost:" + (localPort + options.portOffset());
    }

    public MarketplaceSimulator marketplace() {
        return marketplace;
    }

    public WmsSimulator wms() {
        return wms;
    }

    public AlertReceivers alertReceivers() {
        return alertReceivers;
    }

    public ErpSimulator erp() {
        return erp;
    }

    public CarrierSimulator carrier() {
        return carrier;
    }

    /** The services' JVM: this one's unless ORDERHUB_SERVICE_JAVA names another (e.g. a Java 25 to measure). */
    public static String serviceJava() {
        return System.getenv().getOrDefault("ORDERHUB_SERVICE_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The services' JVM flags: ORDERHUB_SERVICE_JAVA_OPTS, else the ones the images and the chart run too. */
    public static String serviceJavaOpts() {
        return System.getenv().getOrDefault("ORDERHUB_SERVICE_JAVA_OPTS",
                "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    }

    private Process launch(Service s) throws IOException {
        Path jar = options.repoRoot().resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw install -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(serviceJava()));
        String javaOpts = serviceJavaOpts();
        // "{service}" in an option is the service's name: a file per service (e.g. -XX:AOTCacheOutput=/tmp/{service}.aot)
        for (String opt : javaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt.replace("{service}", s.name()));
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port(s)));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(s.database()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(s.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", options.workDir().resolve("jwt/public.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
        env.put("ORDERHUB_DEMO_SECRET", options.demoSecret());
        // the outside world: this stack's simulators
        env.put("ORDERHUB_MARKETPLACE_URL", sim(MARKETPLACE_PORT));
        env.put("QUARKUS_REST_CLIENT_MARKETPLACE_URL", sim(MARKETPLACE_PORT));
        env.put("ORDERHUB_WMS_URL", sim(WMS_PORT));
        env.put("ORDERHUB_COUPONS_URL", sim(WMS_PORT));
        env.put("ORDERHUB_ALERT_WEBHOOK_URL", sim(ALERT_RECEIVERS_PORT) + "/hooks/orderhub");
        env.put("ORDERHUB_ALERT_SLACK_URL", sim(ALERT_RECEIVERS_PORT) + "/services/T0DEMO/B0DEMO/demo-slack-token");
        env.put("ORDERHUB_ALERT_WECOM_URL", sim(ALERT_RECEIVERS_PORT) + "/cgi-bin/webhook/send?key=demo-wecom-key");
        env.put("ORDERHUB_ALERT_DINGTALK_URL", sim(ALERT_RECEIVERS_PORT) + "/robot/send?access_token=demo-dingtalk-token");
        env.put("ORDERHUB_ERP_URL", sim(ERP_PORT));
        env.put("ORDERHUB_CARRIER_URL", sim(CARRIER_PORT));
        Path logFile = options.workDir().resolve("logs").resolve(s.name() + ".log");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        log("starting " + s.name() + " on port " + port(s) + " (log: " + logFile + ")");
        return pb.start();
    }

    /** The running process of a service (for its pid, RSS and CPU figures). */
    public ProcessHandle process(Service s) {
        Process p = processes.get(s);
        if (p == null) {
            throw new IllegalStateException(s.name() + " is not running");
        }
        return p.toHandle();
    }

    /** Kills a service with SIGKILL (no shutdown hooks, no graceful drain) and waits until it is gone. */
    public void kill(Service s) {
        Process p = processes.remove(s);
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + s.name(), e);
        }
        log("killed " + s.name() + " (SIGKILL)");
    }

    /** Starts a service again (after {@link #kill}); its log is appended to. Wait with {@link #awaitHealthy}. */
    public void restart(Service s) {
        kill(s);
        try {
            processes.put(s, launch(s));
        } catch (IOException e) {
            throw new IllegalStateException(s.name() + " did not start again: " + e.getMessage(), e);
        }
    }

    /** Restarts the Kafka broker (same ports and log directory): the services' clients must reconnect by themselves. */
    public void restartKafka() {
        log("restarting Kafka");
        kafka.restart();
        log("Kafka is back at " + kafka.bootstrapServers());
    }

    /** Restarts PostgreSQL (same port and data): every open connection of every service is cut. */
    public void restartPostgres() {
        log("restarting PostgreSQL");
        postgres.restart();
        log("PostgreSQL is back on " + postgres.host() + ":" + postgres.port());
    }

    /** Whether a service's process is alive (false after {@link #kill}, or when it exited by itself). */
    public boolean isRunning(Service s) {
        Process p = processes.get(s);
        return p != null && p.isAlive();
    }

    /** Waits until every service answers {@code /q/health/ready} with 200. */
    public Stack awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Service> pending = new ArrayList<>(SERVICES);
        while (!pending.isEmpty()) {
            for (Service s : List.copyOf(pending)) {
                Process p = processes.get(s);
                if (p != null && !p.isAlive()) {
                    throw new IllegalStateException(s.name() + " exited with " + p.exitValue() + "; see "
                            + options.workDir().resolve("logs").resolve(s.name() + ".log"));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(s) + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        pending.remove(s);
                        log(s.name() + " is ready at " + url(s));
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not healthy within " + timeout + ": " + pending.stream().map(Service::name).toList());
            }
            if (!pending.isEmpty()) {
                try {
                    Thread.sleep(250); // polling interval of a readiness probe, not test synchronization
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return this;
    }

    public int port(Service s) {
        return s.port() + options.portOffset();
    }

    public String url(Service s) {
        return "http://localhost:" + port(s);
    }

    public String url(String serviceName) {
        return url(SERVICES.stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName)));
    }

    public String token(String role) {
        return keys.token(role);
    }

    public Postgres postgres() {
        return postgres;
    }

    public Kafka kafka() {
        return kafka;
    }

    /** Where things are, for a person. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("Order Hub is up.\n\n");
        for (Service s : SERVICES) {
            sb.append(String.format("  %-24s %s   (OpenAPI: %s/q/openapi, health: %s/q/health)%n", s.name(), url(s), url(s), url(s)));
        }
        sb.append(String.format("%n  PostgreSQL  %s:%d  user %s, one database per service (%s)%n", postgres.host(), postgres.port(),
                postgres.user(), String.join(", ", SERVICES.stream().map(Service::database).toList())));
        sb.append(String.format("  Kafka       %s%n", kafka.bootstrapServers()));
        sb.append(String.format("  Simulators  marketplace %s, WMS %s, alert receivers %s, ERP %s, carrier %s%n",
                sim(MARKETPLACE_PORT), sim(WMS_PORT), sim(ALERT_RECEIVERS_PORT), sim(ERP_PORT), sim(CARRIER_PORT)));
        sb.append(String.format("  Logs        %s%n", options.workDir().resolve("logs").toAbsolutePath()));
        sb.append("\n  Shop 'demo' on every channel, signing secret from ORDERHUB_DEMO_SECRET (default demo-secret).\n");
        sb.append("  A token: ./hub token ops    Stop: ./hub down\n");
        return sb.toString();
    }

    @Override
    public void close() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        // a JVM writing its AOT cache at exit (-XX:AOTCacheOutput) needs longer than a graceful stop: give it
        // ORDERHUB_SERVICE_STOP_SECONDS
        long stopSeconds = Long.parseLong(System.getenv().getOrDefault("ORDERHUB_SERVICE_STOP_SECONDS", "15"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(stopSeconds);
        for (Map.Entry<Service, Process> e : processes.entrySet()) {
            try {
                if (!e.getValue().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    e.getValue().destroyForcibly();
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                e.getValue().destroyForcibly();
            }
        }
        processes.clear();
        for (AutoCloseable sim : simulators) {
            try {
                sim.close();
            } catch (Exception e) {
                // the process is going away anyway
            }
        }
        simulators.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static void log(String line) {
        System.out.println("[hub] " + line);
        System.out.flush();
    }
}
