package io.orderhub.state.service;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Hold;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.state.domain.AuditKind;
import io.orderhub.state.domain.Condition;
import io.orderhub.state.domain.Decision;
import io.orderhub.state.domain.Order;
import io.orderhub.state.domain.OrderAudit;
import io.orderhub.state.domain.OrderLineItem;
import io.orderhub.state.domain.OutboundCall;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.orderhub.state.repository.AuditRepository;
import io.orderhub.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The effects of one use case on one locked order: the order is changed in place, and its audit entries
 * and lifecycle events are collected, then written together ({@link #write}) in the same transaction.
 */
final class OrderChange {
    final Order order;
    List<OrderLineItem> lines;
    final Instant now;
    final String actor;
    final String trigger;
    final String snapshot;
    /** The state when the use case began. */
    final OrderState stateBefore;
    private final List<OrderAudit> audits = new ArrayList<>();
    private final List<Pending> events = new ArrayList<>();
    private final List<OutboundCall> calls = new ArrayList<>();

    private record Pending(String type, OrderLifecycleChanged payload) {
    }

    OrderChange(Order order, List<OrderLineItem> lines, Instant now, String actor, String trigger, String snapshot) {
        this.order = order;
        this.lines = lines;
        this.now = now;
        this.actor = actor;
        this.trigger = trigger;
        this.snapshot = snapshot;
        this.stateBefore = order.state;
    }

    boolean changed() {
        return !audits.isEmpty();
    }

    /** A new order, created in its first snapshot's state. */
    void created(String reason) {
        audit(AuditKind.TRANSITION, null, order.state, null, reason);
        event(EventTypes.lifecycleTypeFor(order.state), null, order.state, false, reason);
    }

    /** Applies a move: the request's evidence, then every step (gap-filled ones first). */
    void moved(Decision.Moved move) {
        moved(move, null);
    }

    /** As {@link #moved(Decision.Moved)}; {@code reason} explains the last step when the lifecycle added no note. */
    void moved(Decision.Moved move, String reason) {
        order.carrier = move.after().carrier();
        order.trackingNumber = move.after().trackingNumber();
        order.reservationConfirmed = move.after().reservationConfirmed();
        for (Decision.Step step : move.steps()) {
            order.state = step.to();
            String why = step.note() == null && !step.gapFilled() ? reason : step.note();
            audit(step.gapFilled() ? AuditKind.GAP_FILLED : AuditKind.TRANSITION, step.from(), step.to(), null, why);
            event(EventTypes.lifecycleTypeFor(step.to()), step.from(), step.to(), false, why);
            outbound(step);
        }
    }

    /**
     * The calls to the outside world a step asks for, sent after the commit: a shipment the channel did not report
     * itself is written back to it; an order closed after its label was printed is intercepted at the warehouse.
     */
    private void outbound(Decision.Step step) {
        if (step.to() == OrderState.SHIPPED && step.from() != OrderState.SHIPPED && !actor.equals("channel:" + order.channel)) {
            calls.add(OutboundCall.of(OutboundCall.Kind.CHANNEL_SHIPMENT, order, "shipped by " + actor + " (" + trigger + ")", now));
        }
        if (step.from() == OrderState.LABEL_PRINTED && step.to() == OrderState.CLOSED) {
            condition(Condition.INTERCEPTED, true, "closed after the label was printed: the warehouse is asked to stop the parcel");
            calls.add(OutboundCall.of(OutboundCall.Kind.WAREHOUSE_INTERCEPT, order, "order closed after its label was printed ("
                    + trigger + ")", now));
        }
    }

    /** Whether the change asks for calls to the outside world (the caller kicks the outbound worker after the commit). */
    boolean hasOutboundCalls() {
        return !calls.isEmpty();
    }

    /** Records a refused write; the order keeps its state. */
    void refused(OrderState from, OrderState to, String reason) {
        audit(AuditKind.REFUSAL, from, to, null, reason);
        event(EventTypes.ORDER_TRANSITION_REFUSED, from, to, true, reason);
    }

    void refused(Decision.Refused refusal) {
        refused(refusal.from(), refusal.to(), refusal.reason());
    }

    /** Places a hold; false if it was already standing. */
    boolean hold(Hold hold, String reason) {
        Set<Hold> holds = order.holdSet();
        if (!holds.add(hold)) {
            return false;
        }
        order.holdSet(holds);
        audit(AuditKind.HOLD, order.state, order.state, hold.name(), reason);
        event(EventTypes.ORDER_HELD, order.state, order.state, false, hold + ": " + reason);
        return true;
    }

    /** Releases a hold; false if it was not standing. */
    boolean release(Hold hold, String reason) {
        Set<Hold> holds = order.holdSet();
        if (!holds.remove(hold)) {
            return false;
        }
        order.holdSet(holds);
        audit(AuditKind.HOLD_RELEASED, order.state, order.state, hold.name(), reason);
        event(EventTypes.ORDER_HOLD_RELEASED, order.state, order.state, false, hold + " released: " + reason);
        return true;
    }

    /** Sets or clears a condition beside the state (audited; no lifecycle event type exists for it yet). */
    boolean condition(Condition condition, boolean on, String reason) {
        Set<Condition> conditions = order.conditionSet();
        if (on ? !conditions.add(condition) : !conditions.remove(condition)) {
            return false;
        }
        order.conditionSet(conditions);
        audit(AuditKind.CONDITION, order.state, order.state, (on ? "+" : "-") + condition.name(), reason);
        return true;
    }

    /** Records a funding change; {@code announce} publishes {@code orderhub.order.balance-paid.v1} (inventory converts deposits). */
    void funding(FundingStatus from, FundingStatus to, boolean announce) {
        String reason = "funding " + from + " → " + to;
        audit(AuditKind.FUNDING, order.state, order.state, to.name(), reason);
        if (announce) {
            event(EventTypes.ORDER_BALANCE_PAID, order.state, order.state, false, reason);
        }
    }

    /** Whether a lifecycle event of this type is already part of the change. */
    boolean announces(String type) {
        return events.stream().anyMatch(e -> e.type().equals(type));
    }

    private void audit(AuditKind kind, OrderState from, OrderState to, String detail, String reason) {
        OrderAudit a = new OrderAudit();
        a.globalOrderId = order.globalOrderId;
        a.kind = kind;
        a.fromState = from;
        a.toState = to;
        a.detail = detail;
        a.actor = actor;
        a.trigger = trigger;
        a.reason = reason;
        a.snapshot = snapshot;
        a.occurredAt = now;
        audits.add(a);
        order.updatedAt = now;
    }

    private void event(String type, OrderState from, OrderState to, boolean refused, String reason) {
        events.add(new Pending(type, new OrderLifecycleChanged(order.globalOrderId, order.channel, from, to, refused, reason,
                actor, trigger, new TreeSet<>(order.holdSet().stream().map(Enum::name).toList()), order.funding,
                contractLines(lines), order.carrier, order.trackingNumber, order.paidAt, now)));
    }

    static List<OrderLine> contractLines(List<OrderLineItem> lines) {
        return lines.stream().map(l -> new OrderLine(l.lineId, l.sku, l.title, l.quantity,
                l.unitPrice == null || l.currency == null ? null : new Money(l.unitPrice, l.currency))).toList();
    }

    /** Writes the audit entries, the outbound calls, then the events to the outbox, in the order they happened. */
    Uni<Void> write(AuditRepository auditRepository, Outbox outbox) {
        Uni<Void> chain = audits.isEmpty() ? Uni.createFrom().voidItem() : auditRepository.persist(audits);
        if (!calls.isEmpty()) {
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.persistAll(calls.toArray())))
                    .invoke(OutboundService::callsWritten);
        }
        for (Pending e : events) {
            chain = chain.chain(() -> outbox.add(Topics.ORDERS_LIFECYCLE, e.type(), order.globalOrderId, order.globalOrderId,
                    e.payload(), now).replaceWithVoid());
        }
        return chain;
    }
}
