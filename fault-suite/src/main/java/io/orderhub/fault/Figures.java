package io.orderhub.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run did and what it found. The "bad" figures must all be 0 for the suite to pass; every bad count
 * comes with findings that name the order, SKU, request or line behind it.
 */
final class Figures {
    /** Counts that describe the run. */
    static final List<String> DONE = List.of("orders driven", "webhook deliveries", "webhook retries during faults",
            "faults injected", "ERP replays of old statuses", "downgrades refused (audited)", "fuzz requests",
            "security checks");
    /** Counts that fail the run unless 0. */
    static final List<String> BAD = List.of("lost", "duplicated", "oversold", "downgraded", "wrong final state",
            "stock ledger off", "unpublished outbox rows", "DLQ entries", "alerts fired twice", "5xx answers", "hangs",
            "not problem+json", "malformed accepted", "fuzzed payloads not kept", "security failures", "secrets leaked");
    private static final int MAX_FINDINGS_PER_FIGURE = 10;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> findings = new ConcurrentHashMap<>();

    long add(String figure, long n) {
        return counts.computeIfAbsent(figure, k -> new AtomicLong()).addAndGet(n);
    }

    long inc(String figure) {
        return add(figure, 1);
    }

    /** A bad figure goes up by one, with what it was. */
    void bad(String figure, String finding) {
        if (!BAD.contains(figure)) {
            throw new IllegalArgumentException("not a bad figure: " + figure);
        }
        inc(figure);
        List<String> list = findings.computeIfAbsent(figure, k -> Collections.synchronizedList(new ArrayList<>()));
        if (list.size() < MAX_FINDINGS_PER_FIGURE) {
            list.add(finding);
        }
    }

    long get(String figure) {
        AtomicLong n = counts.get(figure);
        return n == null ? 0 : n.get();
    }

    boolean allGood() {
        return BAD.stream().allMatch(f -> get(f) == 0);
    }

    Map<String, Long> bads() {
        Map<String, Long> out = new LinkedHashMap<>();
        BAD.forEach(f -> out.put(f, get(f)));
        return out;
    }

    String report(String title) {
        StringBuilder sb = new StringBuilder("\n==== ").append(title).append(" ====\n");
        for (String f : DONE) {
            sb.append(String.format("  %-34s %,d%n", f, get(f)));
        }
        counts.keySet().stream().filter(f -> !DONE.contains(f) && !BAD.contains(f)).sorted()
                .forEach(f -> sb.append(String.format("  %-34s %,d%n", f, get(f))));
        sb.append("  --- must be 0 ---\n");
        for (String f : BAD) {
            sb.append(String.format("  %-34s %,d%s%n", f, get(f), get(f) == 0 ? "" : "   <-- FAIL"));
        }
        findings.forEach((f, list) -> {
            sb.append("  ").append(f).append(":\n");
            synchronized (list) {
                list.forEach(x -> sb.append("    - ").append(x).append('\n'));
            }
        });
        sb.append(allGood() ? "  RESULT: PASS\n" : "  RESULT: FAIL\n");
        return sb.toString();
    }
}
