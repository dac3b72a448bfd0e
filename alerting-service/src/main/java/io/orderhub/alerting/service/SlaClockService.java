package io.orderhub.alerting.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.AlertKind;
import io.orderhub.alerting.domain.Severity;
import io.orderhub.alerting.domain.ShipByPolicy;
import io.orderhub.alerting.domain.SlaClock;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.repository.SlaClockRepository;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ship-by clocks: started when an order is paid (deadline = paid time + the window the rules choose), stopped
 * when it ships or closes, exempt for presale, made-to-order and customer-agreed delays. Tiers: L1 before the
 * deadline (warehouse), L2 at it (on-call), L3 after it (supervisor, coupons frozen). Each tier is committed
 * with the alert it raises, so nothing fires twice across restarts; an acknowledged alert stops escalation.
 */
@ApplicationScoped
public class SlaClockService {
    public static final String EXEMPT_PRESALE = "PRESALE";
    public static final String EXEMPT_CUSTOMER_DELAY = "CUSTOMER_AGREED_DELAY";
    public static final String EXEMPT_MADE_TO_ORDER = "MADE_TO_ORDER";

    private static final Set<OrderState> WAITING = Set.of(OrderState.PAID, OrderState.STOCK_LOCKED, OrderState.LABEL_PRINTED);
    private static final Set<OrderState> DONE = Set.of(OrderState.SHIPPED, OrderState.DELIVERED, OrderState.CLOSED);

    @Inject
    SlaClockRepository clocks;
    @Inject
    SlaPolicyService policies;
    @Inject
    AlertService alerts;
    @Inject
    AlertingConfig config;
    @Inject
    MeterRegistry registry;

    public static String alertKey(String globalOrderId) {
        return "sla:" + globalOrderId;
    }

    /**
     * The clock of a lifecycle event, created or merged in one statement that also locks its row for the rest of the
     * transaction: channel (if it had none), warehouse and SKUs (if the event has them), presale, state, updated_at.
     * When {@code start} is set, a clock that starts with this event (not paid yet, not stopped, not exempt, not
     * presale) whose SKUs and warehouse end up being the event's also gets the deadline decided from them in Java
     * before the statement; any other clock keeps its values and is decided after it, as before. With
     * {@code :arrival}, the order's arrival for promo mode is recorded by the same statement.
     */
    private static final String START = "(cast(:start as boolean) and c.paid_at is null and c.stopped_at is null "
            + "and c.exempt_reason is null and not c.presale and not excluded.presale "
            + "and (excluded.skus is not null or c.skus is null) and (excluded.warehouse is not null or c.warehouse is null))";
    private static final String LIFECYCLE_UPSERT = "insert into sla_clock as c (global_order_id, channel, state, updated_at, "
            + "warehouse, skus, presale, paid_at, computed_at, rule_name, window_seconds, deadline) "
            + "values (:id, :channel, :newState, :now, :warehouse, :skus, :presale, cast(:paidAt as timestamptz), "
            + "cast(:computedAt as timestamptz), cast(:rule as varchar), cast(:window as bigint), cast(:deadline as timestamptz)) "
            + "on conflict (global_order_id) do update set channel = coalesce(c.channel, excluded.channel), "
            + "warehouse = coalesce(excluded.warehouse, c.warehouse), skus = coalesce(excluded.skus, c.skus), "
            + "presale = c.presale or excluded.presale, updated_at = excluded.updated_at, "
            + "state = coalesce(cast(:state as varchar), c.state), "
            + "paid_at = case when " + START + " then excluded.paid_at else c.paid_at end, "
            + "computed_at = case when " + START + " then excluded.computed_at else c.computed_at end, "
            + "rule_name = case when " + START + " then excluded.rule_name else c.rule_name end, "
            + "window_seconds = case when " + START + " then excluded.window_seconds else c.window_seconds end, "
            + "deadline = case when " + START + " then excluded.deadline else c.deadline end "
            + "returning *";
    private static final String LIFECYCLE_UPSERT_WITH_ARRIVAL = "with " + PromoService.ARRIVAL_CTE + " " + LIFECYCLE_UPSERT;
    /** The clock of an ingested snapshot, created or merged (and locked) in one statement. */
    private static final String INGESTED_UPSERT = "insert into sla_clock as c (global_order_id, channel, state, updated_at, skus, presale) "
            + "values (:id, :channel, :newState, :now, :skus, :presale) "
            + "on conflict (global_order_id) do update set channel = coalesce(c.channel, excluded.channel), "
            + "skus = coalesce(c.skus, excluded.skus), presale = c.presale or excluded.presale, updated_at = excluded.updated_at "
            + "returning *";

    /** A deadline decided before the clock's statement (see {@link #LIFECYCLE_UPSERT}). */
    private record Start(Instant paidAt, String ruleName, long windowSeconds, Instant deadline) {
    }

    /** A lifecycle event (inside the consumer's transaction). */
    public Uni<Void> onLifecycle(OrderLifecycleChanged change) {
        return onLifecycle(change, null);
    }

    /**
     * A lifecycle event (inside the consumer's transaction); {@code arrivedAt} set: a new order, whose arrival promo
     * mode counts ({@link PromoService#arrived}), recorded by the clock's own statement.
     */
    public Uni<Void> onLifecycle(OrderLifecycleChanged change, Instant arrivedAt) {
        if (change.globalOrderId() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Times.now();
        boolean moves = !change.refused() && change.to() != null;
        String skus = change.lines() != null && !change.lines().isEmpty() ? skus(change.lines()) : null;
        boolean presale = change.funding() == FundingStatus.DEPOSIT_FROZEN;
        // an order entering the waiting states (paid) usually starts its clock here: its deadline goes into the statement
        boolean starts = moves && !presale && WAITING.contains(change.to())
                && (change.from() == null || !WAITING.contains(change.from()));
        Uni<Start> start = !starts ? Uni.createFrom().nullItem() : policies.current().map(policy -> {
            ShipByPolicy.Decision d = policy.decide(SlaClock.skuList(skus), change.warehouse());
            if (d.exempt()) {
                return null; // decided (and the order exempted) after the statement, as before
            }
            Instant paidAt = paidAt(change, now);
            return new Start(paidAt, d.ruleName(), d.window().toSeconds(), SlaClock.deadline(paidAt, d.window()));
        });
        return start.chain(st -> clocks.getSession().chain(s -> {
                    var upsert = s.createNativeQuery(arrivedAt == null ? LIFECYCLE_UPSERT : LIFECYCLE_UPSERT_WITH_ARRIVAL, SlaClock.class)
                            .setParameter("id", change.globalOrderId())
                            .setParameter("channel", change.channel())
                            .setParameter("newState", (change.to() == null ? OrderState.PENDING_PAYMENT : change.to()).name())
                            .setParameter("state", moves ? change.to().name() : null)
                            .setParameter("now", now)
                            .setParameter("warehouse", change.warehouse())
                            .setParameter("skus", skus)
                            .setParameter("presale", presale)
                            .setParameter("start", st != null)
                            .setParameter("paidAt", st == null ? null : st.paidAt())
                            .setParameter("computedAt", st == null ? null : now)
                            .setParameter("rule", st == null ? null : st.ruleName())
                            .setParameter("window", st == null ? null : st.windowSeconds())
                            .setParameter("deadline", st == null ? null : st.deadline());
                    if (arrivedAt != null) {
                        upsert.setParameter("arrivedAt", arrivedAt);
                    }
                    return upsert.getSingleResult();
                }))
                .chain(clock -> {
                    if (!moves) {
                        return Uni.createFrom().voidItem();
                    }
                    clock.state = change.to().name();
                    return advance(clock, change, now);
                });
    }

    private static Instant paidAt(OrderLifecycleChanged change, Instant now) {
        return change.paidAt() != null ? change.paidAt() : change.occurredAt() != null ? change.occurredAt() : now;
    }

    private Uni<Void> advance(SlaClock clock, OrderLifecycleChanged change, Instant now) {
        if (DONE.contains(change.to())) {
            if (clock.stoppedAt != null) {
                return Uni.createFrom().voidItem();
            }
            clock.stoppedAt = now;
            return resolveAlert(clock, "order-state", "order " + change.to().name().toLowerCase());
        }
        if (clock.presale && clock.exemptReason == null) {
            return exempt(clock, EXEMPT_PRESALE, "presale order: ships on its presale date", now);
        }
        if (clock.paidAt == null && WAITING.contains(change.to())) {
            clock.paidAt = paidAt(change, now);
            return policies.current().chain(policy -> applyPolicy(clock, policy, now));
        }
        return Uni.createFrom().voidItem();
    }

    /** An ingested snapshot: SKUs and exemption conditions from the channel (inside the consumer's transaction). */
    public Uni<Void> onIngested(OrderIngested order) {
        if (order.globalOrderId() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Times.now();
        String condition = order.conditions() == null ? null : order.conditions().stream()
                .filter(c -> config.sla().exemptConditions().stream().anyMatch(e -> e.equalsIgnoreCase(c)))
                .findFirst().orElse(null);
        boolean presale = order.funding() == FundingStatus.DEPOSIT_FROZEN;
        return clocks.getSession().chain(s -> s.createNativeQuery(INGESTED_UPSERT, SlaClock.class)
                .setParameter("id", order.globalOrderId())
                .setParameter("channel", order.channel())
                .setParameter("newState", (order.status() == null ? OrderState.PENDING_PAYMENT : order.status()).name())
                .setParameter("now", now)
                .setParameter("skus", order.lines() != null && !order.lines().isEmpty() ? skus(order.lines()) : null)
                .setParameter("presale", presale)
                .getSingleResult()).chain(clock -> {
            if (clock.exemptReason != null || clock.stoppedAt != null) {
                return Uni.createFrom().voidItem();
            }
            if (condition != null) {
                String reason = condition.toUpperCase().contains("DELAY") ? EXEMPT_CUSTOMER_DELAY : condition.toUpperCase();
                return exempt(clock, reason, "channel condition " + condition, now);
            }
            if (clock.presale) {
                return exempt(clock, EXEMPT_PRESALE, "presale order: ships on its presale date", now);
            }
            return Uni.createFrom().voidItem();
        });
    }

    private static SlaClock newClock(String id, String channel, OrderState state, Instant now) {
        SlaClock c = new SlaClock();
        c.globalOrderId = id;
        c.channel = channel;
        c.state = state == null ? OrderState.PENDING_PAYMENT.name() : state.name();
        c.updatedAt = now;
        return c;
    }

    private static String skus(List<OrderLine> lines) {
        Set<String> skus = new TreeSet<>();
        for (OrderLine l : lines) {
            if (l.sku() != null) {
                skus.add(l.sku());
            }
        }
        return String.join(",", skus);
    }

    /** Chooses the window and deadline; an exempt rule exempts the order. Fired tiers stay fired. */
    private Uni<Void> applyPolicy(SlaClock clock, ShipByPolicy policy, Instant now) {
        if (clock.paidAt == null || clock.stoppedAt != null || clock.exemptReason != null) {
            return Uni.createFrom().voidItem();
        }
        ShipByPolicy.Decision d = policy.decide(clock.skuList(), clock.warehouse);
        clock.computedAt = now;
        clock.ruleName = d.ruleName();
        if (d.exempt()) {
            Set<String> cats = policy.categories(clock.skuList());
            String reason = cats.stream().anyMatch(c -> c.toUpperCase().replace('-', '_').contains(EXEMPT_MADE_TO_ORDER))
                    ? EXEMPT_MADE_TO_ORDER : "RULE_" + d.ruleName().toUpperCase();
            return exempt(clock, reason, "rule " + d.ruleName() + " exempts categories " + cats, now);
        }
        clock.windowSeconds = d.window().toSeconds();
        clock.deadline = SlaClock.deadline(clock.paidAt, d.window());
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> exempt(SlaClock clock, String reason, String note, Instant now) {
        clock.exemptReason = reason;
        clock.exemptNote = note;
        clock.updatedAt = now;
        return resolveAlert(clock, "alerting-service", "exempt: " + reason.toLowerCase());
    }

    /**
     * Resolves the clock's SLA alert. Only a fired tier raises it, and the tier is committed with it
     * ({@link #fire}): a clock that never fired one has no alert to look up.
     */
    private Uni<Void> resolveAlert(SlaClock clock, String by, String why) {
        if (clock.firedTier == 0) {
            return Uni.createFrom().voidItem();
        }
        return alerts.resolveKey(alertKey(clock.globalOrderId), by, why).replaceWithVoid();
    }

    /** REST: the customer agreed to a delay (or another reason); the clock stops escalating and alerts resolve. */
    public Uni<SlaClock> setExemption(String globalOrderId, String reason, String note, String by) {
        Instant now = Times.now();
        return Panache.withTransaction(() -> clocks.findById(globalOrderId, LockModeType.PESSIMISTIC_WRITE).chain(c -> {
            if (c == null) {
                throw ProblemException.notFound("no SLA clock for order " + globalOrderId + ": it has not been seen yet");
            }
            return exempt(c, reason, (note == null ? "" : note + " ") + "(by " + by + ")", now).replaceWith(c);
        }));
    }

    /** REST: lifts an exemption; the deadline is computed again from the rules. */
    public Uni<SlaClock> liftExemption(String globalOrderId) {
        Instant now = Times.now();
        return Panache.withTransaction(() -> clocks.findById(globalOrderId, LockModeType.PESSIMISTIC_WRITE).chain(c -> {
            if (c == null) {
                throw ProblemException.notFound("no SLA clock for order " + globalOrderId + ": it has not been seen yet");
            }
            if (c.presale) {
                throw ProblemException.conflict("order " + globalOrderId + " is a presale order; its exemption cannot be lifted");
            }
            c.exemptReason = null;
            c.exemptNote = null;
            c.updatedAt = now;
            return policies.current().chain(p -> applyPolicy(c, p, now)).replaceWith(c);
        }));
    }

    /** Recomputes the deadline of every running clock from the rules and packers on duty now. */
    public Uni<Integer> recomputeAll() {
        Instant now = Times.now();
        return Panache.withTransaction(() -> policies.current().chain(policy -> clocks
                .list("stoppedAt is null and exemptReason is null and paidAt is not null and firedTier < 3")
                .chain(list -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (SlaClock c : list) {
                        chain = chain.chain(() -> applyPolicy(c, policy, now));
                    }
                    return chain.replaceWith(list.size());
                })));
    }

    /** One pass of the tier job: every clock with a tier due fires it (and any lower one still unfired) in order. */
    public Uni<Integer> escalateDue() {
        Instant horizon = Times.now().plus(config.sla().l1Before());
        return Panache.withSession(() -> clocks.find("select c.globalOrderId from SlaClock c where c.stoppedAt is null "
                        + "and c.exemptReason is null and c.escalationStopped = false and c.firedTier < 3 "
                        + "and c.deadline is not null and c.deadline <= ?1 order by c.deadline", horizon)
                .project(String.class).page(0, 500).list())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(this::escalateOne)
                        .collect().asList()
                        .map(fired -> fired.stream().mapToInt(Integer::intValue).sum()));
    }

    private record Fired(int tiers, List<String> breachedChannels) {
    }

    private Uni<Integer> escalateOne(String globalOrderId) {
        return Panache.withTransaction(() -> clocks.getSession().chain(s -> s.createNativeQuery(
                                "select * from sla_clock where global_order_id = :id for update skip locked", SlaClock.class)
                        .setParameter("id", globalOrderId).getResultList())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(new Fired(0, List.of())) : fire(rows.get(0))))
                .invoke(f -> f.breachedChannels().forEach(ch -> registry.counter("orderhub.sla.breaches", "channel", ch).increment()))
                .map(Fired::tiers);
    }

    private Uni<Fired> fire(SlaClock c) {
        Instant now = Times.now();
        if (!c.running() || c.escalationStopped || c.firedTier >= 3) {
            return Uni.createFrom().item(new Fired(0, List.of()));
        }
        int due = SlaClock.dueTier(c.deadline, now, config.sla().l1Before(), config.sla().l3After());
        if (due <= c.firedTier) {
            return Uni.createFrom().item(new Fired(0, List.of()));
        }
        List<String> breached = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int tier = c.firedTier + 1; tier <= due; tier++) {
            int t = tier;
            chain = chain.chain(() -> fireTier(c, t, now));
            if (tier == 2) {
                breached.add(c.channel == null ? "unknown" : c.channel);
            }
        }
        int count = due - c.firedTier;
        c.firedTier = (short) due;
        c.updatedAt = now;
        return chain.replaceWith(new Fired(count, breached));
    }

    private Uni<Void> fireTier(SlaClock c, int tier, Instant now) {
        String order = c.globalOrderId;
        String state = c.state == null ? "?" : c.state;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("channel", Objects.toString(c.channel, "unknown"));
        labels.put("deadline", c.deadline.toString());
        if (c.warehouse != null) {
            labels.put("warehouse", c.warehouse);
        }
        Duration left = Duration.between(now, c.deadline);
        AlertSpec spec = switch (tier) {
            case 1 -> new AlertSpec(alertKey(order), AlertKind.SLA_SHIP_BY, Severity.WARNING, "L1", AlertKind.WAREHOUSE, order,
                    "Order " + order + " must ship by " + c.deadline + " (" + Times.human(left.isNegative() ? Duration.ZERO : left)
                            + " left); it is " + state, labels, null);
            case 2 -> new AlertSpec(alertKey(order), AlertKind.SLA_SHIP_BY, Severity.CRITICAL, "L2", AlertKind.ONCALL, order,
                    "Order " + order + " missed its ship-by deadline " + c.deadline + "; it is " + state, labels, null);
            default -> new AlertSpec(alertKey(order), AlertKind.SLA_SHIP_BY, Severity.CRITICAL, "L3", AlertKind.SUPERVISOR, order,
                    "Order " + order + " is " + Times.human(config.sla().l3After()) + " past its ship-by deadline "
                            + c.deadline + " and still " + state + "; coupon issuance for it is frozen", labels, null);
        };
        return alerts.raise(spec).chain(alert -> tier == 3
                ? alerts.action(alert.id, "coupons", "FREEZE_COUPONS", Map.of("globalOrderId", order,
                        "reason", "SLA L3: " + Times.human(config.sla().l3After()) + " past the ship-by deadline " + c.deadline))
                : Uni.createFrom().voidItem());
    }
}
