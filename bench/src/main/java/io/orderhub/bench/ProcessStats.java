package io.orderhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Resident memory and CPU time of a process from Linux's {@code /proc}: {@code VmRSS} of {@code /proc/<pid>/status}
 * and {@code utime + stime} (fields 14 and 15) of {@code /proc/<pid>/stat}, in clock ticks of 1/100 s (USER_HZ,
 * 100 on every mainstream Linux). The JIT's share is the same two fields summed over the process' compiler threads
 * ({@code /proc/<pid>/task/<tid>/stat} of the tasks named {@code C1 CompilerThre…} / {@code C2 CompilerThre…}).
 * Also: a whole process tree's CPU (PostgreSQL's postmaster and its children) and the machine's busy time.
 */
public final class ProcessStats {
    static final int TICKS_PER_SECOND = 100;

    /**
     * One reading: resident set in kB, CPU time consumed so far in ticks, and of that the JIT compiler threads' (-1
     * when unreadable).
     */
    public record Reading(long rssKb, long cpuTicks, long jitTicks) {
        public Reading(long rssKb, long cpuTicks) {
            this(rssKb, cpuTicks, -1);
        }
    }

    private ProcessStats() {
    }

    public static Reading read(long pid) {
        try {
            return new Reading(rssKb(Files.readString(Path.of("/proc", Long.toString(pid), "status"))),
                    cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))), jitTicks(pid));
        } catch (IOException | RuntimeException e) {
            return new Reading(-1, -1, -1);
        }
    }

    /** CPU ticks of the process' JIT compiler threads so far (HotSpot names them "C1 CompilerThread0", ...). */
    static long jitTicks(long pid) {
        return threadTicks(pid, ProcessStats::isCompilerThread);
    }

    /** CPU ticks so far of the process' live threads whose name ({@code comm}, 15 characters at most) matches. */
    static long threadTicks(long pid, Predicate<String> comm) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (comm.test(Files.readString(task.resolve("comm")).trim())) {
                        ticks += cpuTicks(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static boolean isCompilerThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** HotSpot's own threads: JIT compilers, garbage collectors (Parallel, Serial, G1) and the VM thread. */
    static boolean isJvmInternalThread(String comm) {
        return isCompilerThread(comm) || comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
                || comm.startsWith("VM Periodic");
    }

    /**
     * CPU ticks so far of a process and all its descendants, those that ended included: for every live process of the
     * tree utime + stime + cutime + cstime (fields 14–17), since an ended child's time (and its own children's) moves
     * into the c-fields of the parent that waited for it. For PostgreSQL's postmaster this is the whole server:
     * backends, autovacuum, checkpointer, WAL writer. -1 if the root is gone.
     */
    static long treeTicks(long pid) {
        try {
            long ticks = cpuTicksWithChildren(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.of(pid).orElseThrow().descendants()::iterator) {
                try {
                    ticks += cpuTicksWithChildren(Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat")));
                } catch (IOException | RuntimeException e) {
                    // it ended meanwhile: its time is in its parent's c-fields from now on (a tick's uncertainty)
                }
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime + cutime + cstime of one {@code /proc/<pid>/stat}. */
    static long cpuTicksWithChildren(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /**
     * Busy ticks of the whole machine so far, all CPUs, from the first line of {@code /proc/stat}: user + nice + system
     * + irq + softirq + steal (idle and iowait are not busy); -1 if unreadable.
     */
    static long machineBusyTicks() {
        try {
            return busyTicks(Files.readString(Path.of("/proc/stat")).lines().findFirst().orElseThrow());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        // f[0] = "cpu", then user nice system idle iowait irq softirq steal ...
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7])
                + (f.length > 8 ? Long.parseLong(f[8]) : 0);
    }

    static long rssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** utime + stime; the command name (field 2) may contain spaces, so fields are counted after its ')'. */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state): utime is field 14 → f[11], stime field 15 → f[12]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Average JIT compiler use between two readings as a share of one core (-1 if unreadable). */
    public static double jitCores(Reading before, Reading after, double seconds) {
        if (before.jitTicks() < 0 || after.jitTicks() < 0 || seconds <= 0) {
            return -1;
        }
        // a compiler thread that ended between the readings takes its ticks with it: never below zero
        return Math.max(0, after.jitTicks() - before.jitTicks()) / (double) TICKS_PER_SECOND / seconds;
    }

    /** Average CPU use between two readings as a share of one core (1.0 = one core busy). */
    public static double cores(Reading before, Reading after, double seconds) {
        if (before.cpuTicks() < 0 || after.cpuTicks() < 0 || seconds <= 0) {
            return -1;
        }
        return (after.cpuTicks() - before.cpuTicks()) / (double) TICKS_PER_SECOND / seconds;
    }
}
