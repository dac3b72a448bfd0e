package io.orderhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** Writes a run as {@code report.md}, {@code report.json} and {@code latency.html} (inline SVG, no network). */
public final class Report {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    public static void write(RunResult run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(run));
        Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(run));
        Files.writeString(dir.resolve("latency.html"), html(run));
    }

    // ------------------------------------------------------------------------------------------ Markdown

    static String markdown(RunResult run) {
        StringBuilder md = new StringBuilder();
        RunResult.Machine m = run.machine();
        md.append("# Order Hub benchmark\n\n");
        md.append("Run ").append(run.startedAt()).append(" on ").append(m.cpus()).append(" cores, ").append(m.memoryMb())
                .append(" MB, ").append(m.os()).append(", ").append(m.jvm()).append("; load average before the run: ")
                .append(m.loadAverageBefore()).append(".\n");
        if (m.note() != null && !m.note().isBlank()) {
            md.append("**").append(m.note()).append("**\n");
        }
        md.append("\nEverything on this machine: embedded PostgreSQL, the in-JVM Kafka broker and the load generator (one JVM), ")
                .append("the six services as separate JVMs (`").append(run.serviceJavaOpts()).append("`). ")
                .append("The stack took ").append(f1(run.stackStartSeconds())).append(" s to start; warm-up (not reported): ")
                .append(run.warmup() == null ? "as in the command line" : run.warmup()).append(".\n");
        run.limits().stream().filter(l -> l.what().startsWith("PostgreSQL")).findFirst().ifPresent(l -> md
                .append("PostgreSQL ran with ").append(l.settings()).append(" — the hub and the raw insert limit below alike.\n"));
        md.append("\n");

        StepResult best = run.sustainedStep();
        md.append("## Summary\n\n");
        if (run.sustainedRate() > 0 && best != null) {
            md.append("- **Sustained: ").append(run.sustainedRate()).append(" webhooks/s** (")
                    .append(Math.round(best.newOrders() / best.seconds())).append(" new orders/s) with 0 errors.\n");
            md.append("- At that rate: webhook ack p50/p95/p99 = ").append(lat(best.ack()))
                    .append(" ms; payment→STOCK_LOCKED p50/p95/p99 = ").append(lat(best.paidToLocked()))
                    .append(" ms; webhook→STOCK_LOCKED p50/p95/p99 = ").append(lat(best.webhookToLocked())).append(" ms.\n");
            if (best.work() != null) {
                Work w = best.work();
                md.append("- Per order locked at that rate, counted: ").append(ms(w.cpuMs().getOrDefault(BoxCpu.BOX, -1.0)))
                        .append(" ms CPU of the whole box, ").append(num(w.sum(Work.Database::transactions))).append(" PostgreSQL transactions, ")
                        .append(num(w.sum(Work.Database::statements))).append(" SQL statements, ").append(num(w.producedTotal()))
                        .append(" Kafka records produced and ").append(num(w.consumedTotal())).append(" consumed.\n");
            }
        } else {
            md.append("- **No step stayed within the bounds** (see the verdicts below).\n");
        }
        for (Limits.Figure l : run.limits()) {
            md.append("- ").append(l.what()).append(", ").append(l.clients()).append(l.clients() == 1 ? " client" : " clients")
                    .append(": **").append(Math.round(l.perSecond())).append("/s** (").append(l.settings()).append(")");
            if (run.sustainedRate() > 0) {
                md.append(" — the hub's sustained rate is ").append(pct(run.sustainedRate() / l.perSecond())).append(" of it");
            }
            md.append(".\n");
        }
        md.append("\n## Targets (2 cores, everything local)\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
        for (RunResult.Target t : run.targets()) {
            md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.met() ? "yes" : "**no**").append(" |\n");
        }

        md.append("\n## Steps\n\nOpen loop: arrivals on a fixed-rate clock, latency from the scheduled send time. ")
                .append("Webhooks are signed pushes of all six channels (1–5 lines, Zipf-skewed SKUs) mixed with retries ")
                .append("of the same delivery, seller updates and late older versions. Bounds for \"sustained\": ")
                .append(bounds(StepResult.Bounds.DEFAULT)).append(".\n\n");
        md.append("| rate /s | sent /s | new orders | errors | ack p50 / p95 / p99 ms | PAID→STOCK_LOCKED p50 / p95 / p99 ms | ")
                .append("webhook→STOCK_LOCKED p50 / p95 / p99 ms | locked | lag max | drain s | verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (StepResult s : run.steps()) {
            md.append("| ").append(s.targetRate()).append(" | ").append(f1(s.achievedRate())).append(" | ").append(s.newOrders())
                    .append(" | ").append(s.errors() + s.quarantined()).append(" | ").append(lat(s.ack())).append(" | ")
                    .append(lat(s.paidToLocked())).append(" | ").append(lat(s.webhookToLocked())).append(" | ")
                    .append(s.locked()).append(" | ").append(s.lagMax()).append(" | ").append(f1(s.drainSeconds())).append(" | ")
                    .append(s.sustained() ? "sustained" : s.verdict()).append(" |\n");
        }
        md.append("\n### CPU (cores) and RSS (MB) per service, per step\n\n| service |");
        run.steps().forEach(s -> md.append(" ").append(s.targetRate()).append("/s |"));
        md.append("\n|---|");
        run.steps().forEach(s -> md.append("---|"));
        md.append("\n");
        TreeSet<String> services = new TreeSet<>();
        run.steps().forEach(s -> services.addAll(s.cpuCores().keySet()));
        for (String svc : services) {
            md.append("| ").append(svc).append(" |");
            for (StepResult s : run.steps()) {
                md.append(" ").append(f2(s.cpuCores().getOrDefault(svc, -1.0))).append(" / ")
                        .append(Math.round(s.rssMb().getOrDefault(svc, -1.0))).append(" |");
            }
            md.append("\n");
        }
        md.append("| *six services: CPU ms per order locked (step + drain)* |");
        run.steps().forEach(s -> md.append(" ").append(Math.round(s.cpuMsPerOrder())).append(" |"));
        md.append("\n| *of the cores above: JIT compiler threads* |");
        run.steps().forEach(s -> md.append(" ").append(f2(s.jitCores())).append(" |"));
        md.append("\n");
        work(md, run);
        List<String> errorSamples = run.steps().stream().flatMap(s -> s.errorSamples().stream()).limit(10).toList();
        if (!errorSamples.isEmpty()) {
            md.append("\n### Error samples\n\n");
            errorSamples.forEach(e -> md.append("- `").append(e.replace('`', '\'')).append("`\n"));
        }
        md.append("\n## Consumer lag over time\n\nTotal messages behind, all hub consumer groups, every 5th one-second sample ")
                .append("(the full series per group is in `report.json`, the plot in `latency.html`):\n\n");
        md.append("| t s | rate /s | lag |\n|---|---|---|\n");
        for (int i = 0; i < run.lag().size(); i += 5) {
            RunResult.LagPoint p = run.lag().get(i);
            md.append("| ").append(f1(p.t())).append(" | ").append(p.rate()).append(" | ").append(p.total()).append(" |\n");
        }
        if (run.baseline() != null && !run.baseline().isEmpty()) {
            md.append("\n## Before / after\n\n| figure | before | after |\n|---|---|---|\n");
            Map<String, Object> now = run.keyFigures();
            for (Map.Entry<String, Object> e : run.baseline().entrySet()) {
                md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" | ").append(now.get(e.getKey()))
                        .append(" |\n");
            }
        }
        md.append("\n## Reproduce\n\n    ./hub bench                      # default steps\n")
                .append("    ./hub bench --rate 400 --duration 60\n\nSee README, section Benchmark.\n");
        return md.toString();
    }

    static String bounds(StepResult.Bounds b) {
        return String.format(Locale.ROOT, "0 errors, ≥ %s of the scheduled rate sent, ack p99 ≤ %s ms, ≥ %s of new orders "
                        + "STOCK_LOCKED, payment→STOCK_LOCKED p99 ≤ %s ms, webhook→STOCK_LOCKED p99 ≤ %s ms (from the webhook's "
                        + "scheduled send to the STOCK_LOCKED event's ce_time), consumers caught up ≤ %s s after the step",
                pct(b.scheduleShare()), f0(b.ackP99Ms()), pct(b.lockedShare()), f0(b.lockP99Ms()), f0(b.webhookLockP99Ms()),
                f0(b.drainSeconds()));
    }

    /** CPU of the whole box per order, then the counted work per order of each step, then the most frequent statements. */
    static void work(StringBuilder md, RunResult run) {
        List<StepResult> steps = run.steps().stream().filter(s -> s.work() != null).toList();
        if (steps.isEmpty()) {
            return;
        }
        md.append("\n### CPU per order locked, whole box (ms, step + drain)\n\n")
                .append("From `/proc`: each service's process; PostgreSQL's postmaster and all its processes (those that ended ")
                .append("included); the bench JVM split into the Kafka broker's threads, HotSpot's GC/JIT/VM threads (which serve ")
                .append("the broker and the rest alike and cannot be split between them) and the rest of its threads.\n\n| process |");
        steps.forEach(s -> md.append(" ").append(s.targetRate()).append("/s |"));
        md.append("\n|---|");
        steps.forEach(s -> md.append("---|"));
        md.append("\n");
        for (String who : steps.get(0).work().cpuMs().keySet()) {
            boolean bold = who.equals(BoxCpu.BOX);
            md.append(bold ? "| **" + who + "** |" : who.equals(BoxCpu.OTHER) ? "| *" + who + "* |" : "| " + who + " |");
            for (StepResult s : steps) {
                String v = ms(s.work().cpuMs().getOrDefault(who, -1.0));
                md.append(" ").append(bold ? "**" + v + "**" : v).append(" |");
            }
            md.append("\n");
        }
        md.append("| *box: average cores over step + drain* |");
        steps.forEach(s -> md.append(" ").append(s.work().boxCores() < 0 ? "–" : f2(s.work().boxCores())).append(" |"));
        md.append("\n");

        md.append("\n## Work per order (counted)\n\n")
                .append("Counters' differences from the step's start to the end of its drain, divided by the step's new orders ")
                .append("locked; background work in that window (outbox pollers, schedules) counts too. Transactions: ")
                .append("pg_stat_database `xact_commit + xact_rollback`; rows written: `tup_inserted + tup_updated + tup_deleted` ")
                .append("(PostgreSQL 14 reports a backend's counters at most every 0.5 s, so a backend's last half second may ")
                .append("count in the next step); statements: ").append(steps.get(0).work().statements())
                .append(", BEGIN/COMMIT included and shown apart. Kafka: records produced = end-offset difference per topic ")
                .append("(`__consumer_offsets` = the groups' offset commits); consumed = committed-offset difference per hub ")
                .append("consumer group and topic.\n");
        for (StepResult s : steps) {
            Work w = s.work();
            md.append("\n### ").append(s.targetRate()).append(" webhooks/s: ").append(w.orders()).append(" new orders locked, ")
                    .append(f1(w.seconds())).append(" s (step + drain)\n\n");
            md.append("| service database | transactions /order | statements /order | of them BEGIN/COMMIT/ROLLBACK | rows written /order |\n")
                    .append("|---|---|---|---|---|\n");
            for (Work.Database d : w.databases()) {
                md.append("| ").append(d.service()).append(" (").append(d.database()).append(") | ").append(num(d.transactions()))
                        .append(" | ").append(num(d.statements())).append(" | ").append(num(d.transactionControl())).append(" | ")
                        .append(num(d.rowsWritten())).append(" |\n");
            }
            md.append("| **six databases** | **").append(num(w.sum(Work.Database::transactions))).append("** | **")
                    .append(num(w.sum(Work.Database::statements))).append("** | ").append(num(w.sum(Work.Database::transactionControl)))
                    .append(" | ").append(num(w.sum(Work.Database::rowsWritten))).append(" |\n");
            md.append("\n| Kafka topic | records produced /order | records consumed /order (by group) |\n|---|---|---|\n");
            TreeSet<String> topics = new TreeSet<>(w.produced().keySet());
            w.consumed().values().forEach(m -> topics.addAll(m.keySet()));
            for (String topic : topics) {
                List<String> readers = new ArrayList<>();
                double consumed = 0;
                for (Map.Entry<String, Map<String, Double>> g : new TreeMap<>(w.consumed()).entrySet()) {
                    Double v = g.getValue().get(topic);
                    if (v != null) {
                        readers.add(g.getKey() + " " + num(v));
                        consumed += v;
                    }
                }
                md.append("| ").append(topic.equals("__consumer_offsets") ? "__consumer_offsets (offset commits)" : topic).append(" | ")
                        .append(num(w.produced().getOrDefault(topic, 0.0))).append(" | ")
                        .append(readers.isEmpty() ? "–" : num(Math.round(consumed * 100) / 100.0) + " (" + String.join(", ", readers) + ")")
                        .append(" |\n");
            }
            md.append("| **all topics** | **").append(num(w.producedTotal())).append("** | **").append(num(w.consumedTotal()))
                    .append("** |\n");
            w.notes().forEach(n -> md.append("\n- Note: ").append(n).append("\n"));
        }
        StepResult best = run.sustainedStep();
        if (best != null && best.work() != null && !best.work().topStatements().isEmpty()) {
            md.append("\n### Most frequent statements at ").append(best.targetRate())
                    .append(" webhooks/s (calls per order locked, BEGIN/COMMIT/ROLLBACK left out)\n\n")
                    .append("| database | calls /order | statement |\n|---|---|---|\n");
            for (Work.Statement st : best.work().topStatements()) {
                md.append("| ").append(st.database()).append(" | ").append(num(st.calls())).append(" | `")
                        .append(st.query().replace('`', '\'').replace("|", "\\|")).append("` |\n");
            }
        }
    }

    /** A per-order count: two decimals, "–" when not measured. */
    static String num(double v) {
        return v < 0 ? "–" : f2(v);
    }

    /** CPU milliseconds per order: whole ms from 10 up, one decimal below, "–" when not measured. */
    static String ms(double v) {
        return v < 0 ? "–" : v >= 10 ? f0(v) : f1(v);
    }

    private static String lat(StepResult.Latency l) {
        return l.count() == 0 ? "–" : f1(l.p50()) + " / " + f1(l.p95()) + " / " + f1(l.p99());
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, share < 0.1 ? "%.1f %%" : "%.0f %%", share * 100);
    }

    // ------------------------------------------------------------------------------------------ HTML + SVG

    static String html(RunResult run) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Order Hub benchmark</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:960px}svg{background:#fafafa;border:1px solid #ddd}")
                .append(".legend span{margin-right:1.5em}</style></head><body>");
        h.append("<h1>Order Hub benchmark</h1><p>").append(esc(run.startedAt())).append(" · ").append(run.machine().cpus())
                .append(" cores · sustained ").append(run.sustainedRate()).append(" webhooks/s</p>");
        List<StepResult> steps = run.steps();
        h.append("<h2>Webhook ack latency by rate (ms, from the scheduled send)</h2>");
        h.append(stepChart(steps, List.of(
                new Series("p50", "#2b8cbe", s -> s.ack().p50()),
                new Series("p95", "#fdae61", s -> s.ack().p95()),
                new Series("p99", "#d7191c", s -> s.ack().p99()))));
        h.append("<h2>PAID → STOCK_LOCKED by rate (ms, lifecycle event timestamps)</h2>");
        h.append(stepChart(steps, List.of(
                new Series("p50", "#2b8cbe", s -> s.paidToLocked().p50()),
                new Series("p95", "#fdae61", s -> s.paidToLocked().p95()),
                new Series("p99", "#d7191c", s -> s.paidToLocked().p99()))));
        h.append("<h2>Webhook → STOCK_LOCKED by rate (ms, scheduled send to the event's timestamp)</h2>");
        h.append(stepChart(steps, List.of(
                new Series("p50", "#2b8cbe", s -> s.webhookToLocked().p50()),
                new Series("p95", "#fdae61", s -> s.webhookToLocked().p95()),
                new Series("p99", "#d7191c", s -> s.webhookToLocked().p99()))));
        h.append("<h2>Consumer lag over time (messages behind, all groups)</h2>");
        h.append(lagChart(run.lag()));
        h.append("<p>Full figures: report.md, report.json.</p></body></html>\n");
        return h.toString();
    }

    record Series(String name, String color, ToDoubleFunction<StepResult> value) {
    }

    private static final int W = 860;
    private static final int H = 300;
    private static final int PAD = 50;

    static String stepChart(List<StepResult> steps, List<Series> series) {
        double max = 1;
        for (StepResult s : steps) {
            for (Series se : series) {
                max = Math.max(max, se.value().applyAsDouble(s));
            }
        }
        max = niceCeiling(max);
        StringBuilder svg = new StringBuilder(svgOpen());
        axes(svg, max, "ms");
        int n = steps.size();
        for (int i = 0; i < n; i++) {
            double x = xAt(i, n);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d/s</text>",
                    x, H - PAD + 16, steps.get(i).targetRate()));
        }
        for (Series se : series) {
            List<String> points = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double v = se.value().applyAsDouble(steps.get(i));
                if (v >= 0) {
                    points.add(String.format(Locale.ROOT, "%.1f,%.1f", xAt(i, n), yAt(v, max)));
                }
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(se.color()).append("\" points=\"")
                    .append(String.join(" ", points)).append("\"/>");
            for (String p : points) {
                String[] xy = p.split(",");
                svg.append("<circle r=\"3\" fill=\"").append(se.color()).append("\" cx=\"").append(xy[0]).append("\" cy=\"")
                        .append(xy[1]).append("\"/>");
            }
        }
        svg.append("</svg>");
        StringBuilder legend = new StringBuilder("<div class=\"legend\">");
        series.forEach(se -> legend.append("<span style=\"color:").append(se.color()).append("\">■ ").append(se.name()).append("</span>"));
        return svg + legend.append("</div>").toString();
    }

    static String lagChart(List<RunResult.LagPoint> lag) {
        double max = 1;
        double tMax = 1;
        for (RunResult.LagPoint p : lag) {
            max = Math.max(max, p.total());
            tMax = Math.max(tMax, p.t());
        }
        max = niceCeiling(max);
        StringBuilder svg = new StringBuilder(svgOpen());
        axes(svg, max, "msgs");
        List<String> points = new ArrayList<>();
        for (RunResult.LagPoint p : lag) {
            double x = PAD + (W - 2 * PAD) * p.t() / tMax;
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, yAt(p.total(), max)));
        }
        svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"#5e3c99\" points=\"").append(String.join(" ", points))
                .append("\"/>");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.0f s</text>",
                W - PAD, H - PAD + 16, tMax));
        return svg.append("</svg>").toString();
    }

    private static String svgOpen() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H + "\" viewBox=\"0 0 " + W + " " + H + "\">";
    }

    private static void axes(StringBuilder svg, double max, String unit) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", PAD, H - PAD, W - PAD, H - PAD));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", PAD, PAD, PAD, H - PAD));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = yAt(v, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", PAD, y, W - PAD, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                    PAD - 4, y + 4, v >= 100 ? f0(v) : f1(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", 4, PAD - 10, unit));
    }

    private static double xAt(int i, int n) {
        return n <= 1 ? W / 2.0 : PAD + 20 + (W - 2 * PAD - 40) * i / (double) (n - 1);
    }

    private static double yAt(double v, double max) {
        return H - PAD - (H - 2 * PAD) * v / max;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: round axis labels. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
