package io.orderhub.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code ./hub bench} run measured, as written to {@code target/bench/report.json}.
 *
 * @param machine        where it ran (cores, memory, OS, JVM, load average before the run)
 * @param limits         the same machine's raw PostgreSQL and Kafka rates, measured against the hub's own servers
 * @param steps          one entry per rate step, in order
 * @param lag            consumer lag of every hub group, sampled each second
 * @param sustainedRate  the highest step that stayed within the bounds (webhooks/s), 0 if none did
 * @param targets        the targets and whether this run met them
 * @param baseline       key figures of an earlier run given with {@code --baseline} (before/after), or null
 */
public record RunResult(
        Machine machine,
        String startedAt,
        double stackStartSeconds,
        String warmup,
        String serviceJavaOpts,
        List<Limits.Figure> limits,
        List<StepResult> steps,
        List<LagPoint> lag,
        int sustainedRate,
        List<Target> targets,
        Map<String, Object> baseline) {

    public record Machine(int cpus, long memoryMb, String os, String jvm, String loadAverageBefore, String note) {
    }

    /** Seconds since the first step began, the step's target rate, total lag and lag per consumer group. */
    public record LagPoint(double t, int rate, long total, Map<String, Long> groups) {
    }

    public record Target(String name, String goal, String measured, boolean met) {
    }

    /** The step at the sustained rate (or the first step if none was sustained); null without steps. */
    public StepResult sustainedStep() {
        return steps.stream().filter(s -> s.targetRate() == sustainedRate && s.sustained()).findFirst()
                .orElse(steps.isEmpty() ? null : steps.get(0));
    }

    /** Key figures for a later run's before/after table. */
    public Map<String, Object> keyFigures() {
        StepResult s = sustainedStep();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("startedAt", startedAt);
        m.put("serviceJavaOpts", serviceJavaOpts);
        m.put("sustainedRate", sustainedRate);
        if (s != null) {
            m.put("atRate", s.targetRate());
            m.put("ackP95Ms", s.ack().p95());
            m.put("ackP99Ms", s.ack().p99());
            m.put("paidToLockedP95Ms", s.paidToLocked().p95());
            m.put("paidToLockedP99Ms", s.paidToLocked().p99());
            m.put("webhookToLockedP95Ms", s.webhookToLocked().p95());
            m.put("webhookToLockedP99Ms", s.webhookToLocked().p99());
            m.put("maxRssMb", s.rssMb().values().stream().mapToDouble(Double::doubleValue).max().orElse(-1));
            m.put("cpuCores", s.cpuCores().values().stream().mapToDouble(Double::doubleValue).sum());
            Work w = s.work();
            if (w != null) {
                m.put("boxCpuMsPerOrder", w.cpuMs().getOrDefault(BoxCpu.BOX, -1.0));
                m.put("postgresCpuMsPerOrder", w.cpuMs().getOrDefault(BoxCpu.POSTGRES, -1.0));
                m.put("transactionsPerOrder", w.sum(Work.Database::transactions));
                m.put("statementsPerOrder", w.sum(Work.Database::statements));
                m.put("kafkaRecordsProducedPerOrder", w.producedTotal());
            }
        }
        return m;
    }
}
