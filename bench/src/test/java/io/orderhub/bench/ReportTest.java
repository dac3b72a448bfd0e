package io.orderhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    static StepResult step(int rate, double ackP99, double lockP95, long errors, double drain) {
        return step(rate, ackP99, lockP95, 120, errors, drain);
    }

    static StepResult step(int rate, double ackP99, double lockP95, double webhookLockP99, long errors, double drain) {
        StepResult draft = new StepResult(rate, 20, rate, rate * 20L, rate * 18L, Map.of("NEW_ORDER", rate * 18L), errors, 0, List.of(),
                new StepResult.Latency(rate * 20L, 4.2, 9.0, ackP99, ackP99 + 5),
                new StepResult.Latency(rate * 18L, 30, lockP95, lockP95 + 10, lockP95 + 20),
                new StepResult.Latency(rate * 18L, 40, 80, webhookLockP99, webhookLockP99 + 80), rate * 18L, 10, 400, drain,
                Map.of("order-ingest-service", 0.61), Map.of("order-ingest-service", 141.5), 0.02, 85, work(rate * 18L), false, null);
        String verdict = StepResult.Bounds.DEFAULT.judge(draft);
        return new StepResult(rate, 20, rate, rate * 20L, rate * 18L, draft.kinds(), errors, 0, List.of(), draft.ack(),
                draft.paidToLocked(), draft.webhookToLocked(), draft.locked(), 10, 400, drain, draft.cpuCores(), draft.rssMb(),
                draft.jitCores(), draft.cpuMsPerOrder(), draft.work(), verdict == null, verdict == null ? "sustained" : verdict);
    }

    static Work work(long orders) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("order-ingest-service", 21.0);
        cpu.put(BoxCpu.POSTGRES, 12.5);
        cpu.put(BoxCpu.BROKER, 6.0);
        cpu.put(BoxCpu.BENCH_REST, 9.0);
        cpu.put(BoxCpu.BENCH_JVM, 1.5);
        cpu.put(BoxCpu.BOX, 50.0);
        cpu.put(BoxCpu.OTHER, 0.4);
        return new Work(orders, 24.3,
                List.of(new Work.Database("order-ingest-service", "orderhub_ingest", 2.1, 9.35, 4.2, 3.02),
                        new Work.Database("order-state-service", "orderhub_state", 3, 12, 6, 4)),
                "pg_stat_statements (calls of top-level statements)",
                List.of(new Work.Statement("orderhub_state", 1.02, "update orders set state = $1 where id = $2")),
                Map.of("orderhub.orders.ingested.v1", 1.0, "__consumer_offsets", 0.25),
                Map.of("order-state-service", Map.of("orderhub.orders.ingested.v1", 1.0),
                        "reconciliation-service", Map.of("orderhub.orders.ingested.v1", 1.0)),
                cpu, 0.71, List.of());
    }

    static RunResult run(List<StepResult> steps) {
        int sustained = steps.stream().filter(StepResult::sustained).mapToInt(StepResult::targetRate).max().orElse(0);
        RunResult.Machine m = new RunResult.Machine(2, 24_000, "Linux", "Java 17", "3.1 (1 min)", "shared machine");
        RunResult partial = new RunResult(m, "2026-11-22T04:00:00Z", 60, "120 s at 100 webhooks/s", "-Xmx128m",
                List.of(new Limits.Figure("PostgreSQL single-row inserts (autocommit)", 1, 2000, "synchronous_commit=off"),
                        new Limits.Figure("Kafka produce, 1 KB records", 1, 10_000, "acks=all")),
                steps, List.of(new RunResult.LagPoint(1, 100, 3, Map.of("order-state-service", 3L))), sustained, List.of(), null);
        return new RunResult(m, partial.startedAt(), 60, partial.warmup(), "-Xmx128m", partial.limits(), steps, partial.lag(), sustained,
                BenchMain.targets(partial), Map.of("sustainedRate", 200));
    }

    @Test
    void theBoundsDecideWhichStepIsSustained() {
        assertNull(StepResult.Bounds.DEFAULT.judge(step(100, 20, 50, 0, 1)));
        assertEquals("3 errors", StepResult.Bounds.DEFAULT.judge(step(100, 20, 50, 3, 1)));
        assertTrue(StepResult.Bounds.DEFAULT.judge(step(100, 1500, 50, 0, 1)).startsWith("ack p99"));
        assertTrue(StepResult.Bounds.DEFAULT.judge(step(100, 20, 50, 0, 12)).contains("catch up"));
        assertEquals("webhook→STOCK_LOCKED p99 2100.0 ms > 2000.0 ms", StepResult.Bounds.DEFAULT.judge(step(100, 20, 50, 2100, 0, 1)));
        assertNull(StepResult.Bounds.DEFAULT.judge(step(100, 20, 50, 2000, 0, 1)));
    }

    @Test
    void theWorkPerOrderIsReportedPerStep() {
        RunResult run = run(List.of(step(10, 20, 50, 0, 1), step(20, 30, 90, 0, 2)));
        String md = Report.markdown(run);
        assertTrue(md.contains("### CPU per order locked, whole box (ms, step + drain)"), md);
        assertTrue(md.contains("| " + BoxCpu.POSTGRES + " | 13 | 13 |"), md);
        assertTrue(md.contains("| " + BoxCpu.BROKER + " | 6.0 | 6.0 |"), md);
        assertTrue(md.contains("| **" + BoxCpu.BOX + "** | **50** | **50** |"), md);
        assertTrue(md.contains("| *box: average cores over step + drain* | 0.71 | 0.71 |"), md);
        assertTrue(md.contains("### 20 webhooks/s: 360 new orders locked, 24.3 s (step + drain)"), md);
        assertTrue(md.contains("| order-ingest-service (orderhub_ingest) | 2.10 | 9.35 | 4.20 | 3.02 |"), md);
        assertTrue(md.contains("| **six databases** | **5.10** | **21.35** | 10.20 | 7.02 |"), md);
        assertTrue(md.contains("| orderhub.orders.ingested.v1 | 1.00 | 2.00 (order-state-service 1.00, reconciliation-service 1.00) |"), md);
        assertTrue(md.contains("| __consumer_offsets (offset commits) | 0.25 | – |"), md);
        assertTrue(md.contains("| **all topics** | **1.25** | **2.00** |"), md);
        assertTrue(md.contains("### Most frequent statements at 20 webhooks/s"), md);
        assertTrue(md.contains("| orderhub_state | 1.02 | `update orders set state = $1 where id = $2` |"), md);
        assertTrue(md.contains("webhook→STOCK_LOCKED p50/p95/p99 = 40.0 / 80.0 / 120.0 ms"), md);
        assertTrue(md.contains("PostgreSQL ran with synchronous_commit=off — the hub and the raw insert limit below alike."), md);
        assertTrue(md.contains("50 ms CPU of the whole box, 5.10 PostgreSQL transactions, 21.35 SQL statements"), md);
        assertEquals(50.0, run.keyFigures().get("boxCpuMsPerOrder"));
    }

    @Test
    void theMarkdownStatesTheSustainedRateTheRatiosAndTheTargets() {
        RunResult run = run(List.of(step(100, 20, 50, 0, 1), step(400, 30, 90, 0, 2), step(800, 2500, 900, 0, 20)));
        assertEquals(400, run.sustainedRate());
        String md = Report.markdown(run);
        assertTrue(md.contains("**Sustained: 400 webhooks/s** (360 new orders/s)"), md);
        assertTrue(md.contains("the hub's sustained rate is 20 % of it"), "400 of 2000 inserts/s");
        assertTrue(md.contains("the hub's sustained rate is 4.0 % of it"), "400 of 10000 records/s");
        // issue 17's targets: 360 new orders/s meets ≥ 150; the 50/s figures are not measured by a run without that step
        assertTrue(md.contains("| sustained new orders/s within every bound | ≥ 150 | 360 new orders/s (400 webhooks/s) | yes |"), md);
        assertTrue(md.contains("| webhook ack p95 at 50/s | ≤ 20 ms | not measured (no 50/s step) | **no** |"), md);
        assertTrue(md.contains("| whole-box CPU per order locked | ≤ 12 ms | 50.0 ms at 400/s | **no** |"), md);
        assertTrue(md.contains("| 800 |") && md.contains("ack p99 2500.0 ms > 1000.0 ms"), md);
        assertTrue(md.contains("shared machine"));
        assertTrue(md.contains("| sustainedRate | 200 | 400 |"), "before/after table: " + md);
        assertTrue(md.contains("| *six services: CPU ms per order locked (step + drain)* | 85 | 85 | 85 |"), md);
        assertTrue(md.contains("| *of the cores above: JIT compiler threads* | 0.02 | 0.02 | 0.02 |"), md);
        assertTrue(md.contains("warm-up (not reported): 120 s at 100 webhooks/s"), md);
    }

    @Test
    void writesMarkdownJsonAndAnSvgPlotWithoutNetworkResources(@TempDir Path dir) throws Exception {
        Report.write(run(List.of(step(100, 20, 50, 0, 1), step(200, 40, 80, 0, 1))), dir);
        JsonNode json = Report.JSON.readTree(dir.resolve("report.json").toFile());
        assertEquals(200, json.get("sustainedRate").asInt());
        assertEquals(2, json.get("steps").size());
        assertEquals(40.0, json.get("steps").get(1).get("ack").get("p99").asDouble());
        String html = Files.readString(dir.resolve("latency.html"));
        assertTrue(html.contains("<svg") && html.contains("<polyline"));
        assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"), "no network resources");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no network resources");
        assertTrue(Files.readString(dir.resolve("report.md")).startsWith("# Order Hub benchmark"));
    }

    @Test
    void aReportReadsBackAsABaselineWithItsWorkFigures(@TempDir Path dir) throws Exception {
        RunResult run = run(List.of(step(10, 20, 50, 0, 1)));
        Report.write(run, dir);
        RunResult back = Report.JSON.readValue(dir.resolve("report.json").toFile(), RunResult.class);
        assertEquals(run.keyFigures(), back.keyFigures());
        assertEquals(run.steps().get(0).work(), back.steps().get(0).work());
    }

    @Test
    void axisCeilingsAreRound() {
        assertEquals(10, Report.niceCeiling(7.3));
        assertEquals(200, Report.niceCeiling(143));
        assertEquals(500, Report.niceCeiling(201));
        assertEquals(1000, Report.niceCeiling(1000));
    }
}
