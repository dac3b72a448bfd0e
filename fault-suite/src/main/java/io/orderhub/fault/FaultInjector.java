package io.orderhub.fault;

import io.orderhub.devstack.Stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Breaks the hub while orders stream in: SIGKILL + restart of every service, a Kafka broker restart and a
 * PostgreSQL restart, spread over the stream. After each fault it waits until every service is ready again
 * before the next one, so every fault hits a hub that is otherwise working.
 */
final class FaultInjector {
    /**
     * A killed Quarkus service restarts in 10–30 s on idle cores, but one started on a loaded two-core CI box beside
     * five others took 181 s (alerting, load 52): the deadline is for a service that never comes back, not a slow one.
     */
    private static final Duration HEALTHY_AGAIN = Duration.ofMinutes(6);

    /** One fault: what it is called in the log and what it does. */
    record Fault(String name, int count, Runnable inject) {
    }

    private final Stack stack;
    private final Figures figures;
    private final AtomicBoolean underWay = new AtomicBoolean();
    private final List<String> log = new ArrayList<>();

    FaultInjector(Stack stack, Figures figures) {
        this.stack = stack;
        this.figures = figures;
    }

    /** The schedule: each service killed {@code rounds} times (two at once when {@code paired}), Kafka and PostgreSQL once. */
    List<Fault> plan(int rounds, boolean paired) {
        List<Stack.Service> services = Stack.SERVICES;
        List<Fault> faults = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (paired) {
                for (int i = 0; i < services.size(); i += 2) {
                    faults.add(kill(services.get(i), services.get((i + 1) % services.size())));
                }
            } else {
                services.forEach(s -> faults.add(kill(s)));
            }
            if (round == 0) {
                // the infrastructure in the middle of the kills, while consumers and relays are busy
                faults.add(faults.size() / 2, new Fault("Kafka broker restart", 1, stack::restartKafka));
                faults.add(faults.size() / 2 + 1, new Fault("PostgreSQL restart", 1, stack::restartPostgres));
            }
        }
        return faults;
    }

    private Fault kill(Stack.Service... victims) {
        List<String> names = java.util.Arrays.stream(victims).map(Stack.Service::name).toList();
        return new Fault("SIGKILL + restart of " + String.join(" and ", names), victims.length, () -> {
            for (Stack.Service s : victims) {
                stack.kill(s);
            }
            for (Stack.Service s : victims) {
                stack.restart(s);
            }
        });
    }

    /** Runs the faults spread over {@code over} (the next one right away when the previous recovery took longer). */
    void run(List<Fault> faults, Duration over) {
        long start = System.nanoTime();
        long spacing = over.toNanos() / (faults.size() + 1);
        for (int i = 0; i < faults.size(); i++) {
            long due = start + (i + 1) * spacing;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                OrderDriver.sleep(wait / 1_000_000); // the schedule of the faults, not test synchronisation
            }
            Fault f = faults.get(i);
            long t0 = System.nanoTime();
            underWay.set(true);
            String outcome;
            try {
                f.inject().run();
                figures.add("faults injected", f.count());
                stack.awaitHealthy(HEALTHY_AGAIN);
                outcome = "ready again";
            } catch (IllegalStateException e) {
                // a service that does not come back is a finding; the run goes on, so the report says what else broke
                figures.bad("hangs", f.name() + ": " + e.getMessage());
                outcome = "NOT ready again";
            } finally {
                underWay.set(false);
            }
            String line = String.format("%s: %s after %.1f s", f.name(), outcome, (System.nanoTime() - t0) / 1e9);
            log.add(line);
            FaultSuite.say(line);
        }
    }

    boolean underWay() {
        return underWay.get();
    }

    List<String> log() {
        return List.copyOf(log);
    }
}
