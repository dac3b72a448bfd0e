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

    /** A lifecycle event (inside the consumer's transaction). */
    public Uni<Void> onLifecycle(OrderLifecycleChanged change) {
        if (change.globalOrderId() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Times.now();
        return clocks.findById(change.globalOrderId(), LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            SlaClock clock = existing != null ? existing : newClock(change.globalOrderId(), change.channel(), change.to(), now);
            if (clock.channel == null) {
                clock.channel = change.channel();
            }
            if (change.warehouse() != null) {
                clock.warehouse = change.warehouse();
            }
            if (change.lines() != null && !change.lines().isEmpty()) {
                clock.skus = skus(change.lines());
            }
            if (change.funding() == FundingStatus.DEPOSIT_FROZEN) {
                clock.presale = true;
            }
            clock.updatedAt = now;
            Uni<Void> persisted = existing == null ? clocks.persist(clock).replaceWithVoid() : Uni.createFrom().voidItem();
            if (change.refused() || change.to() == null) {
                return persisted;
            }
            clock.state = change.to().name();
            return persisted.chain(() -> advance(clock, change, now));
        });
    }

    private Uni<Void> advance(SlaClock clock, OrderLifecycleChanged change, Instant now) {
        if (DONE.contains(change.to())) {
            if (clock.stoppedAt != null) {
                return Uni.createFrom().voidItem();
            }
            clock.stoppedAt = now;
            return alerts.resolveKey(alertKey(clock.globalOrderId), "order-state",
                    "order " + change.to().name().toLowerCase()).replaceWithVoid();
        }
        if (clock.presale && clock.exemptReason == null) {
            return exempt(clock, EXEMPT_PRESALE, "presale order: ships on its presale date", now);
        }
        if (clock.paidAt == null && WAITING.contains(change.to())) {
            clock.paidAt = change.paidAt() != null ? change.paidAt() : change.occurredAt() != null ? change.occurredAt() : now;
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
        return clocks.findById(order.globalOrderId(), LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            SlaClock clock = existing != null ? existing
                    : newClock(order.globalOrderId(), order.channel(), order.status() == null ? OrderState.PENDING_PAYMENT : order.status(), now);
            if (clock.channel == null) {
                clock.channel = order.channel();
            }
            if (order.lines() != null && !order.lines().isEmpty() && clock.skus == null) {
                clock.skus = skus(order.lines());
            }
            clock.presale = clock.presale || presale;
            clock.updatedAt = now;
            Uni<Void> persisted = existing == null ? clocks.persist(clock).replaceWithVoid() : Uni.createFrom().voidItem();
            if (clock.exemptReason != null || clock.stoppedAt != null) {
                return persisted;
            }
            if (condition != null) {
                String reason = condition.toUpperCase().contains("DELAY") ? EXEMPT_CUSTOMER_DELAY : condition.toUpperCase();
                return persisted.chain(() -> exempt(clock, reason, "channel condition " + condition, now));
            }
            if (clock.presale) {
                return persisted.chain(() -> exempt(clock, EXEMPT_PRESALE, "presale order: ships on its presale date", now));
            }
            return persisted;
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
        return alerts.resolveKey(alertKey(clock.globalOrderId), "alerting-service", "exempt: " + reason.toLowerCase())
                .replaceWithVoid();
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
