package io.orderhub.state.domain;

import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.orderhub.contract.OrderState.CLOSED;
import static io.orderhub.contract.OrderState.DELIVERED;
import static io.orderhub.contract.OrderState.LABEL_PRINTED;
import static io.orderhub.contract.OrderState.PAID;
import static io.orderhub.contract.OrderState.PENDING_PAYMENT;
import static io.orderhub.contract.OrderState.SHIPPED;
import static io.orderhub.contract.OrderState.STOCK_LOCKED;

/**
 * The order lifecycle of DESIGN.md as a table (plain Java, no framework):
 *
 * <pre>
 * from             → next                     guard of the next state
 * PENDING_PAYMENT  → PAID, CLOSED
 * PAID             → STOCK_LOCKED, CLOSED      STOCK_LOCKED: a confirmed reservation
 * STOCK_LOCKED     → LABEL_PRINTED, CLOSED     LABEL_PRINTED: a carrier and a non-empty tracking number; not held
 * LABEL_PRINTED    → SHIPPED, CLOSED           SHIPPED: a tracking number; not held
 * SHIPPED          → DELIVERED
 * DELIVERED, CLOSED: terminal
 * </pre>
 *
 * Never backwards: once an order has shipped, any write that would move it back is refused (and the
 * caller records the refusal), whoever sends it. Before shipping, a report of a step the order is
 * already past (the channel saying PAID while the hub knows STOCK_LOCKED) changes nothing. A report
 * that skips states moves forward and fills the gap; a command takes exactly one step.
 */
public final class Lifecycle {

    /** The main line, in order; CLOSED is off it. */
    public static final List<OrderState> MAIN_LINE = List.of(PENDING_PAYMENT, PAID, STOCK_LOCKED, LABEL_PRINTED, SHIPPED, DELIVERED);

    /** The transition table. */
    public static final Map<OrderState, Set<OrderState>> NEXT;

    /** What a state needs before an order may enter it. */
    public static final Map<OrderState, Guard> GUARDS;

    /** States that a held order does not enter (by command). */
    public static final Set<OrderState> STOPPED_BY_HOLDS = Collections.unmodifiableSet(EnumSet.of(LABEL_PRINTED, SHIPPED));

    static {
        Map<OrderState, Set<OrderState>> next = new EnumMap<>(OrderState.class);
        next.put(PENDING_PAYMENT, EnumSet.of(PAID, CLOSED));
        next.put(PAID, EnumSet.of(STOCK_LOCKED, CLOSED));
        next.put(STOCK_LOCKED, EnumSet.of(LABEL_PRINTED, CLOSED));
        next.put(LABEL_PRINTED, EnumSet.of(SHIPPED, CLOSED));
        next.put(SHIPPED, EnumSet.of(DELIVERED));
        next.put(DELIVERED, EnumSet.noneOf(OrderState.class));
        next.put(CLOSED, EnumSet.noneOf(OrderState.class));
        next.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        NEXT = Collections.unmodifiableMap(next);

        Map<OrderState, Guard> guards = new EnumMap<>(OrderState.class);
        guards.put(STOCK_LOCKED, new Guard("a confirmed stock reservation", OrderFacts::reservationConfirmed));
        guards.put(LABEL_PRINTED, new Guard("a carrier and a non-empty tracking number (a generated label)",
                f -> Text.present(f.carrier()) && Text.present(f.trackingNumber())));
        guards.put(SHIPPED, new Guard("a tracking number", f -> Text.present(f.trackingNumber())));
        GUARDS = Collections.unmodifiableMap(guards);
    }

    /** A named condition on the facts an order will have once it enters a state. */
    public record Guard(String needs, Predicate<OrderFacts> test) {
        public boolean holds(OrderFacts facts) {
            return test.test(facts);
        }
    }

    private Lifecycle() {
    }

    public static boolean isTerminal(OrderState state) {
        return NEXT.get(state).isEmpty();
    }

    /** Whether the order has left the warehouse (SHIPPED or DELIVERED): nothing may move it back any more. */
    public static boolean hasShipped(OrderState state) {
        return state == SHIPPED || state == DELIVERED;
    }

    /** CLOSED is reachable only before shipping. */
    public static boolean canClose(OrderState state) {
        return NEXT.get(state).contains(CLOSED);
    }

    private static int rank(OrderState state) {
        return MAIN_LINE.indexOf(state);
    }

    public static Decision decide(OrderFacts current, TransitionRequest request) {
        OrderState from = current.state();
        OrderState to = request.target();
        OrderFacts after = current.with(request.evidence());
        String order = "order " + current.globalOrderId() + " is " + from;

        if (to == from) {
            return same(current, after, request, order);
        }
        if (from == CLOSED) {
            return new Decision.Refused(from, to, order + "; a closed order never moves again ("
                    + request.what() + " refused)");
        }
        if (from == DELIVERED) {
            return new Decision.Refused(from, to, order + "; a delivered order never moves again ("
                    + request.what() + " refused); use an after-sale (return) instead");
        }
        if (to == CLOSED) {
            if (!canClose(from)) {
                return new Decision.Refused(from, to, order + "; an order that has shipped cannot be closed ("
                        + request.what() + " refused): intercept the shipment or open a return instead");
            }
            return new Decision.Moved(after, List.of(new Decision.Step(from, CLOSED, false, null)));
        }
        if (rank(to) < rank(from)) {
            if (hasShipped(from)) {
                return new Decision.Refused(from, to, order + "; moving it back to " + to
                        + " is refused: a shipped order never goes backwards");
            }
            if (request.mode() == Mode.REPORT) {
                return new Decision.Unchanged(order + ", already past " + to);
            }
            return new Decision.Refused(from, to, order + "; " + request.what() + " would move it back to " + to);
        }

        List<OrderState> path = MAIN_LINE.subList(rank(from) + 1, rank(to) + 1);
        if (request.mode() == Mode.COMMAND) {
            if (path.size() > 1) {
                return new Decision.Refused(from, to, order + "; " + request.what() + " needs " + previous(to) + " first");
            }
            String unmet = unmet(to, after);
            if (unmet != null) {
                return new Decision.Refused(from, to, order + "; " + request.what() + " needs " + unmet);
            }
            if (STOPPED_BY_HOLDS.contains(to) && !after.holds().isEmpty()) {
                return new Decision.Refused(from, to, order + " and held (" + names(after.holds()) + "); release the "
                        + (after.holds().size() == 1 ? "hold" : "holds") + " before " + request.what());
            }
            return new Decision.Moved(after, List.of(new Decision.Step(from, to, false, null)));
        }

        // REPORT: forward, filling the gap
        List<Decision.Step> steps = new ArrayList<>();
        OrderState previous = from;
        for (OrderState step : path) {
            boolean gap = step != to;
            List<String> notes = new ArrayList<>();
            if (gap) {
                notes.add("gap-filled: " + request.what() + " reported by " + request.actor() + " implies " + step);
            }
            String unmet = unmet(step, after);
            if (unmet != null) {
                notes.add("entered without " + unmet);
            }
            if (STOPPED_BY_HOLDS.contains(step) && !after.holds().isEmpty()) {
                notes.add("entered while held (" + names(after.holds()) + ")");
            }
            steps.add(new Decision.Step(previous, step, gap, notes.isEmpty() ? null : String.join("; ", notes)));
            previous = step;
        }
        return new Decision.Moved(after, List.copyOf(steps));
    }

    /** A request for the state the order is in: a duplicate, or a new label for a printed order (carrier change). */
    private static Decision same(OrderFacts current, OrderFacts after, TransitionRequest request, String order) {
        boolean relabel = request.mode() == Mode.COMMAND && current.state() == LABEL_PRINTED
                && (!eq(current.carrier(), after.carrier()) || !eq(current.trackingNumber(), after.trackingNumber()));
        if (!relabel) {
            return new Decision.Unchanged(order + " already (duplicate " + request.what() + ")");
        }
        String unmet = unmet(LABEL_PRINTED, after);
        if (unmet != null) {
            return new Decision.Refused(current.state(), LABEL_PRINTED, order + "; " + request.what() + " needs " + unmet);
        }
        if (!after.holds().isEmpty()) {
            return new Decision.Refused(current.state(), LABEL_PRINTED, order + " and held (" + names(after.holds())
                    + "); release the hold before " + request.what());
        }
        return new Decision.Moved(after, List.of(new Decision.Step(LABEL_PRINTED, LABEL_PRINTED, false,
                "new label: " + current.carrier() + " " + current.trackingNumber() + " → " + after.carrier() + " "
                        + after.trackingNumber())));
    }

    private static String unmet(OrderState state, OrderFacts after) {
        Guard guard = GUARDS.get(state);
        return guard == null || guard.holds(after) ? null : guard.needs();
    }

    private static OrderState previous(OrderState state) {
        return MAIN_LINE.get(rank(state) - 1);
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    static String names(Set<Hold> holds) {
        return holds.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
    }
}
