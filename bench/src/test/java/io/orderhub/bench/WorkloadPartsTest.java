package io.orderhub.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadPartsTest {

    @Test
    void zipfPutsTheHottestSkuFarAboveTheColdest() {
        Zipf zipf = new Zipf(200, 1.1);
        int[] hits = new int[201];
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            hits[zipf.next(random)]++;
        }
        assertEquals(zipf.probability(1), hits[1] / 100_000.0, 0.01);
        assertTrue(hits[1] > 50 * hits[200], "rank 1: " + hits[1] + ", rank 200: " + hits[200]);
        assertTrue(hits[1] > 15_000 && hits[1] < 25_000, "about a fifth of all lines on the hottest SKU: " + hits[1]);
    }

    @Test
    void basketsHaveOneToFiveLinesMostlySmall() {
        assertEquals(1, Workload.lineCount(0));
        assertEquals(1, Workload.lineCount(44));
        assertEquals(2, Workload.lineCount(45));
        assertEquals(3, Workload.lineCount(80));
        assertEquals(4, Workload.lineCount(90));
        assertEquals(5, Workload.lineCount(99));
    }

    @Test
    void procFiguresAreReadLikeTheKernelWritesThem() {
        String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  153600 kB\nThreads:\t40\n";
        assertEquals(153_600, ProcessStats.rssKb(status));
        // the command name may contain spaces and parentheses; utime=1200, stime=300
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1200 300 0 0 20 0 40 0 100 0 0";
        assertEquals(1_500, ProcessStats.cpuTicks(stat));
        assertEquals(0.75, ProcessStats.cores(new ProcessStats.Reading(1, 1_000), new ProcessStats.Reading(1, 1_150), 2.0), 1e-9);
        // HotSpot's compiler threads, as /proc/<pid>/task/<tid>/comm shows them (15 characters at most)
        assertTrue(ProcessStats.isCompilerThread("C1 CompilerThre"));
        assertTrue(ProcessStats.isCompilerThread("C2 CompilerThre"));
        assertFalse(ProcessStats.isCompilerThread("vert.x-eventloo"));
        assertEquals(0.25, ProcessStats.jitCores(new ProcessStats.Reading(1, 0, 100), new ProcessStats.Reading(1, 0, 150), 2.0), 1e-9);
        assertEquals(0, ProcessStats.jitCores(new ProcessStats.Reading(1, 0, 150), new ProcessStats.Reading(1, 0, 100), 2.0), 1e-9,
                "a compiler thread that ended takes its ticks along: never negative");
        assertEquals(-1, ProcessStats.jitCores(new ProcessStats.Reading(1, 0), new ProcessStats.Reading(1, 0), 2.0), 1e-9);
        // utime 1200 + stime 300 + cutime 50 + cstime 7: an ended child's time stays in its parent's c-fields
        assertEquals(1_557, ProcessStats.cpuTicksWithChildren("4242 (postgres) S 1 4242 4242 0 -1 4194560 100 0 0 0 1200 300 50 7 20 0 1 0"));
        assertTrue(ProcessStats.isJvmInternalThread("GC Thread#0") && ProcessStats.isJvmInternalThread("VM Thread"));
        assertFalse(ProcessStats.isJvmInternalThread("data-plane-kafk"));
        // /proc/stat: user nice system idle iowait irq softirq steal guest guest_nice; busy leaves idle and iowait out
        assertEquals(100 + 2 + 30 + 4 + 5 + 6, ProcessStats.busyTicks("cpu  100 2 30 9000 70 4 5 6 0 0"));
    }

    @Test
    void boxCpuSplitsTheBenchJvmAndSumsTheBox() {
        BoxCpu.Reading before = new BoxCpu.Reading(0, Map.of("order-state-service", 1_000L), 500, 2_000, 300, 100, 10_000);
        BoxCpu.Reading after = new BoxCpu.Reading(10_000_000_000L, Map.of("order-state-service", 3_000L), 1_500, 3_000, 700, 150, 15_000);
        Map<String, Long> used = BoxCpu.used(before, after);
        assertEquals(2_000, used.get("order-state-service"));
        assertEquals(1_000, used.get(BoxCpu.POSTGRES));
        assertEquals(400, used.get(BoxCpu.BROKER));
        assertEquals(50, used.get(BoxCpu.BENCH_JVM));
        assertEquals(1_000 - 400 - 50, used.get(BoxCpu.BENCH_REST));
        assertEquals(4_000, used.get(BoxCpu.BOX));
        assertEquals(1_000, used.get(BoxCpu.OTHER));
        assertEquals(40.0, BoxCpu.perOrder(before, after, 100).get(BoxCpu.BOX));
        assertEquals(0.4, BoxCpu.boxCores(before, after), 1e-9);
    }
}
