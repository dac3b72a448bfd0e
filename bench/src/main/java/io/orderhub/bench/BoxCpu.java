package io.orderhub.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time of everything the benchmark runs on this machine, read at one instant, for CPU per order of the whole box:
 * the six services (their processes), PostgreSQL (the postmaster and all its processes, ended ones included, see
 * {@link ProcessStats#treeTicks}), and the bench JVM split three ways — the in-JVM Kafka broker's threads (by thread,
 * from the JVM), HotSpot's own GC/JIT/VM threads (shared by everything in that JVM, by their names in {@code /proc}),
 * and the rest: load generator, simulators, Kafka clients and the bench's samplers. The whole machine's busy time
 * ({@code /proc/stat}) is read too, so that other processes' CPU shows.
 */
final class BoxCpu {
    static final String POSTGRES = "PostgreSQL (all processes of the cluster)";
    static final String BROKER = "Kafka broker (its threads in the bench JVM)";
    static final String BENCH_REST = "bench JVM: load generator, simulators, Kafka clients, samplers";
    static final String BENCH_JVM = "bench JVM: GC, JIT and VM threads (shared by the two above)";
    static final String BOX = "box total (sum of the above)";
    static final String OTHER = "other processes on the machine (/proc/stat busy − box total)";

    /** Milliseconds of CPU so far, -1 where unreadable. */
    record Reading(long nanos, Map<String, Long> servicesMs, long postgresMs, long benchJvmMs, long brokerMs, long jvmInternalMs,
            long machineMs) {
    }

    private final Map<String, Long> servicePids;
    private final long postmasterPid;
    private final LongSupplier brokerCpuNanos;
    private final long self = ProcessHandle.current().pid();

    /** {@code postmasterPid} -1 for an external PostgreSQL, {@code brokerCpuNanos} -1 for an external Kafka. */
    BoxCpu(Map<String, Long> servicePids, long postmasterPid, LongSupplier brokerCpuNanos) {
        this.servicePids = servicePids;
        this.postmasterPid = postmasterPid;
        this.brokerCpuNanos = brokerCpuNanos;
    }

    Reading read() {
        Map<String, Long> services = new LinkedHashMap<>();
        servicePids.forEach((name, pid) -> services.put(name, ms(ProcessStats.read(pid).cpuTicks())));
        long broker = brokerCpuNanos.getAsLong();
        return new Reading(System.nanoTime(), services, postmasterPid < 0 ? -1 : ms(ProcessStats.treeTicks(postmasterPid)),
                ms(ProcessStats.read(self).cpuTicks()), broker < 0 ? -1 : broker / 1_000_000,
                ms(ProcessStats.threadTicks(self, ProcessStats::isJvmInternalThread)), ms(ProcessStats.machineBusyTicks()));
    }

    private static long ms(long ticks) {
        return ticks < 0 ? -1 : ticks * 1000 / ProcessStats.TICKS_PER_SECOND;
    }

    /**
     * CPU milliseconds per order between two readings, by who used it (the services by name, then the rows named by the
     * constants above; -1 where not measured), in the order of the report's table.
     */
    static Map<String, Double> perOrder(Reading before, Reading after, long orders) {
        Map<String, Long> used = used(before, after);
        Map<String, Double> m = new LinkedHashMap<>();
        used.forEach((who, ms) -> m.put(who, orders <= 0 || ms < 0 ? -1 : Math.round(ms * 10.0 / orders) / 10.0));
        return m;
    }

    /** Average cores the box used between two readings (1.0 = one core busy), -1 if unknown. */
    static double boxCores(Reading before, Reading after) {
        long box = used(before, after).get(BOX);
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        return box < 0 || seconds <= 0 ? -1 : Math.round(box / 1000.0 / seconds * 100) / 100.0;
    }

    /** CPU milliseconds used between two readings, by who used it. */
    static Map<String, Long> used(Reading before, Reading after) {
        Map<String, Long> m = new LinkedHashMap<>();
        long box = 0;
        for (Map.Entry<String, Long> e : before.servicesMs().entrySet()) {
            long d = delta(e.getValue(), after.servicesMs().getOrDefault(e.getKey(), -1L));
            m.put(e.getKey(), d);
            box += Math.max(0, d);
        }
        long postgres = delta(before.postgresMs(), after.postgresMs());
        // a broker or HotSpot thread that ended takes its time along (never below zero); the rest is what remains of the JVM
        long broker = delta(before.brokerMs(), after.brokerMs());
        long jvm = delta(before.benchJvmMs(), after.benchJvmMs());
        long internal = Math.max(0, delta(before.jvmInternalMs(), after.jvmInternalMs()));
        long rest = jvm < 0 ? -1 : Math.max(0, jvm - Math.max(0, broker) - internal);
        m.put(POSTGRES, postgres);
        m.put(BROKER, broker);
        m.put(BENCH_REST, rest);
        m.put(BENCH_JVM, jvm < 0 ? -1 : internal);
        box += Math.max(0, postgres) + Math.max(0, jvm);
        m.put(BOX, box);
        long machine = delta(before.machineMs(), after.machineMs());
        m.put(OTHER, machine < 0 ? -1 : Math.max(0, machine - box));
        return m;
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : Math.max(0, after - before);
    }
}
