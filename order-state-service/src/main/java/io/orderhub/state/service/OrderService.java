package io.orderhub.state.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Hold;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.Address;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.kit.inbox.IncomingEvent;
import io.orderhub.kit.inbox.PoisonEventException;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.state.config.StateConfig;
import io.orderhub.state.domain.BrushingRule;
import io.orderhub.state.domain.ChannelRef;
import io.orderhub.state.domain.Condition;
import io.orderhub.state.domain.Decision;
import io.orderhub.state.domain.Evidence;
import io.orderhub.state.domain.HealthScore;
import io.orderhub.state.domain.Interception;
import io.orderhub.state.domain.Lifecycle;
import io.orderhub.state.domain.Order;
import io.orderhub.state.domain.OrderLineItem;
import io.orderhub.state.domain.PriceCheck;
import io.orderhub.state.domain.ServiceOptions;
import io.orderhub.state.domain.TransitionRequest;
import io.orderhub.state.repository.AuditRepository;
import io.orderhub.state.repository.ChannelRefRepository;
import io.orderhub.state.repository.OrderLineRepository;
import io.orderhub.state.repository.OrderRepository;
import io.orderhub.state.rest.ActionRequest;
import io.orderhub.state.rest.OptionsView;
import io.orderhub.state.rest.OrderPage;
import io.orderhub.state.rest.OrderSummary;
import io.orderhub.state.rest.OrderView;
import io.orderhub.state.rest.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The order use cases. Every change locks the order row first ({@code PESSIMISTIC_WRITE}), asks the
 * {@link Lifecycle} what may happen, changes the order, and writes its audit entries and lifecycle events
 * (outbox) in the same transaction. The consumer-facing methods run inside {@code EventConsumer}'s
 * transaction; the REST-facing ones open their own.
 */
@ApplicationScoped
public class OrderService {
    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final Set<OrderState> HEALTH_HELD_STATES = EnumSet.of(OrderState.PAID, OrderState.STOCK_LOCKED, OrderState.LABEL_PRINTED);
    private static final Set<OrderState> SHORTFALL_STATES = EnumSet.of(OrderState.PENDING_PAYMENT, OrderState.PAID, OrderState.STOCK_LOCKED);

    @Inject
    OrderRepository orders;
    @Inject
    OrderLineRepository lineRepository;
    @Inject
    ChannelRefRepository refs;
    @Inject
    AuditRepository audits;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;
    @Inject
    StateConfig config;

    // ---------------------------------------------------------------- ingested snapshots

    /** A normalized channel snapshot: a new order is created in its state, a known one moves forward only. */
    public Uni<Void> ingest(IncomingEvent event, OrderIngested s, ChannelLabel label) {
        if (blank(s.globalOrderId()) || blank(s.channel()) || blank(s.shop()) || blank(s.channelOrderId())) {
            throw new PoisonEventException("event " + event.id() + ": an ingested snapshot needs globalOrderId, channel, shop "
                    + "and channelOrderId");
        }
        String actor = "channel:" + s.channel();
        String trigger = event.type() + " (channel status " + s.channelStatus() + ", via " + event.source() + ")";
        return orders.lock(s.globalOrderId()).chain(existing -> existing == null
                ? create(event, s, label, actor, trigger)
                : update(existing, event, s, label, actor, trigger));
    }

    private Uni<Void> create(IncomingEvent event, OrderIngested s, ChannelLabel label, String actor, String trigger) {
        Instant now = Instant.now();
        Order o = new Order();
        o.globalOrderId = s.globalOrderId();
        o.channel = s.channel();
        o.shop = s.shop();
        o.channelOrderId = s.channelOrderId();
        o.state = s.status() == null ? OrderState.PENDING_PAYMENT : s.status();
        o.funding = FundingStatus.NONE;
        o.channelCreatedAt = s.createdAt();
        o.createdAt = now;
        o.updatedAt = now;
        applySnapshotData(o, s);
        if (label != null) {
            o.carrier = blank(label.carrier()) ? null : label.carrier().strip();
            o.trackingNumber = blank(label.trackingNumber()) ? null : label.trackingNumber().strip();
        }
        List<OrderLineItem> lines = lineItems(o.globalOrderId, s.lines(), o.currency);
        OrderChange change = new OrderChange(o, lines, now, actor, trigger, event.data());
        change.created("new order from " + ChannelRef.ref(s.channel(), s.shop(), s.channelOrderId())
                + " in channel status " + s.channelStatus());
        channelConditions(change, s.conditions());
        ChannelRef ref = channelRef(s, o.globalOrderId, now);
        // the risk rule and the health score first, so the order's one INSERT carries its score and holds (persisted
        // first, the score set afterwards cost an UPDATE of the row just inserted); the rule's query leaves this order out
        return brushing(change)
                .chain(() -> {
                    health(change, true);
                    return orders.persist(o);
                })
                .chain(() -> lines.isEmpty() ? Uni.createFrom().voidItem() : lineRepository.persist(lines))
                .chain(() -> refs.persist(ref))
                .chain(() -> change.write(audits, outbox));
    }

    private Uni<Void> update(Order o, IncomingEvent event, OrderIngested s, ChannelLabel label, String actor, String trigger) {
        Instant now = Instant.now();
        OrderState target = s.status() == null ? o.state : s.status();
        Evidence evidence = label == null ? Evidence.NONE : Evidence.label(label.carrier(), label.trackingNumber());
        Decision decision = Lifecycle.decide(o.facts(), TransitionRequest.report(target, evidence, actor, trigger));
        boolean stale = s.channelUpdatedAt() != null && o.channelUpdatedAt != null && s.channelUpdatedAt().isBefore(o.channelUpdatedAt);
        return lineRepository.forOrder(o.globalOrderId).chain(lines -> {
            OrderChange change = new OrderChange(o, lines, now, actor, trigger, event.data());
            if (decision instanceof Decision.Refused refused) {
                // a write that would move the order back (or out of a terminal state): refused and recorded, nothing applied
                change.refused(refused.from(), refused.to(), stale
                        ? refused.reason() + " (and the snapshot is older than the one already applied: channelUpdatedAt "
                                + s.channelUpdatedAt() + " < " + o.channelUpdatedAt + ")"
                        : refused.reason());
                return change.write(audits, outbox);
            }
            if (stale) {
                LOG.debugf("%s: snapshot of %s is older than the applied one (%s < %s); ignored", o.globalOrderId,
                        s.channel(), s.channelUpdatedAt(), o.channelUpdatedAt);
                return Uni.createFrom().voidItem();
            }
            boolean linesEditable = o.state == OrderState.PENDING_PAYMENT;
            FundingStatus fundingBefore = o.funding;
            applySnapshotData(o, s);
            channelConditions(change, s.conditions());
            Uni<Void> work = linesEditable && s.lines() != null && !s.lines().isEmpty()
                    ? syncLines(change, s.lines()) : Uni.createFrom().voidItem();
            return work.chain(() -> ensureChannelRef(s, o.globalOrderId, now)).chain(() -> {
                if (decision instanceof Decision.Moved moved) {
                    change.moved(moved, "channel " + s.channel() + " status " + s.channelStatus());
                }
                if (fundingBefore != o.funding) {
                    // the balance of a presale is paid: inventory converts the deposit (unless the paid event just did)
                    boolean balancePaid = fundingBefore == FundingStatus.DEPOSIT_FROZEN && o.funding == FundingStatus.FULLY_PAID;
                    change.funding(fundingBefore, o.funding, balancePaid && !change.announces(EventTypes.ORDER_PAID)
                            && o.state != OrderState.CLOSED);
                }
                health(change, false);
                o.updatedAt = now;
                return change.write(audits, outbox);
            });
        });
    }

    /** Channel data that follows the channel's latest snapshot (not the state: that goes through the lifecycle). */
    private void applySnapshotData(Order o, OrderIngested s) {
        o.channelStatus = s.channelStatus();
        if (s.channelUpdatedAt() != null) {
            o.channelUpdatedAt = s.channelUpdatedAt();
        }
        if (s.funding() != null) {
            o.funding = s.funding();
        }
        if (s.paidAt() != null) {
            o.paidAt = s.paidAt();
        }
        if (s.total() != null) {
            o.total = s.total().amount();
            o.currency = s.total().currency();
        }
        if (s.fees() != null && !s.fees().isEmpty()) {
            o.fees = json(s.fees());
        }
        Address a = s.shippingAddress();
        if (a != null) {
            o.shippingAddress = json(a);
            o.addressComplete = a.complete();
            o.buyerPhone = blank(a.phone()) ? null : a.phone().replaceAll("[\\s-]", "");
            o.province = blank(a.province()) ? null : a.province().strip();
        }
    }

    /** The channel's conditions: PARTIALLY_SHIPPED and AFTER_SALE follow the latest snapshot; a risk flag holds for review. */
    private void channelConditions(OrderChange change, Set<String> conditions) {
        Set<String> given = new HashSet<>();
        if (conditions != null) {
            conditions.forEach(c -> given.add(c.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        for (Condition c : List.of(Condition.PARTIALLY_SHIPPED, Condition.AFTER_SALE)) {
            change.condition(c, given.contains(c.name()), "channel " + change.order.channel + " reports "
                    + (given.contains(c.name()) ? c : "no " + c));
        }
        if (given.contains(Condition.INTERCEPTED.name())) {
            change.condition(Condition.INTERCEPTED, true, "channel " + change.order.channel + " reports INTERCEPTED");
        }
        boolean channelRisk = false;
        for (String g : given) {
            Hold hold = switch (g) {
                case "RISK_HOLD", "RISK", "RISK_CONTROL" -> Hold.CHANNEL_RISK;
                default -> EnumSet.allOf(Hold.class).stream().filter(h -> h.name().equals(g)).findFirst().orElse(null);
            };
            if (hold != null) {
                channelRisk |= hold == Hold.CHANNEL_RISK;
                change.hold(hold, "channel " + change.order.channel + " flags " + g);
            }
        }
        if (!channelRisk) {
            // the channel's risk control let it go; holds a person or a rule placed stay
            change.release(Hold.CHANNEL_RISK, "channel " + change.order.channel + " no longer flags a risk");
        }
    }

    private Uni<Void> syncLines(OrderChange change, List<OrderLine> incoming) {
        Order o = change.order;
        List<OrderLineItem> wanted = lineItems(o.globalOrderId, incoming, o.currency);
        Map<String, OrderLineItem> existing = new LinkedHashMap<>();
        change.lines.forEach(l -> existing.put(l.lineId, l));
        List<OrderLineItem> result = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OrderLineItem w : wanted) {
            OrderLineItem e = existing.remove(w.lineId);
            if (e == null) {
                chain = chain.chain(() -> lineRepository.persist(w).replaceWithVoid());
                result.add(w);
            } else {
                e.position = w.position;
                e.sku = w.sku;
                e.title = w.title;
                e.quantity = w.quantity;
                e.unitPrice = w.unitPrice;
                e.currency = w.currency;
                result.add(e);
            }
        }
        for (OrderLineItem gone : existing.values()) {
            chain = chain.chain(() -> lineRepository.delete(gone));
        }
        change.lines = result;
        return chain;
    }

    private static List<OrderLineItem> lineItems(String globalOrderId, List<OrderLine> lines, String orderCurrency) {
        List<OrderLineItem> items = new ArrayList<>();
        if (lines == null) {
            return items;
        }
        Set<String> seen = new HashSet<>();
        int position = 0;
        for (OrderLine l : lines) {
            position++;
            if (l == null || blank(l.sku())) {
                throw new PoisonEventException("order " + globalOrderId + " line " + position + " has no SKU");
            }
            String id = blank(l.lineId()) ? "L" + position : l.lineId();
            if (!seen.add(id)) {
                id = id + "#" + position;
                seen.add(id);
            }
            OrderLineItem item = new OrderLineItem();
            item.globalOrderId = globalOrderId;
            item.lineId = id;
            item.position = position;
            item.sku = l.sku();
            item.title = l.title();
            item.quantity = l.quantity();
            item.unitPrice = l.unitPrice() == null ? null : l.unitPrice().amount();
            item.currency = l.unitPrice() == null ? orderCurrency : l.unitPrice().currency();
            items.add(item);
        }
        return items;
    }

    private static ChannelRef channelRef(OrderIngested s, String globalOrderId, Instant now) {
        ChannelRef ref = new ChannelRef();
        ref.ref = ChannelRef.ref(s.channel(), s.shop(), s.channelOrderId());
        ref.globalOrderId = globalOrderId;
        ref.channel = s.channel();
        ref.shop = s.shop();
        ref.channelOrderId = s.channelOrderId();
        ref.firstSeenAt = now;
        return ref;
    }

    private Uni<Void> ensureChannelRef(OrderIngested s, String globalOrderId, Instant now) {
        ChannelRef ref = channelRef(s, globalOrderId, now);
        return refs.findById(ref.ref).chain(found -> {
            if (found == null) {
                return refs.persist(ref).replaceWithVoid();
            }
            if (!found.globalOrderId.equals(globalOrderId)) {
                throw new PoisonEventException("channel order " + ref.ref + " already belongs to " + found.globalOrderId
                        + ", not " + globalOrderId + ": the global id map of order-ingest-service disagrees");
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** The brushing rule: this phone's orders in the window, to how many provinces; suspicious → RISK_REVIEW. */
    private Uni<Void> brushing(OrderChange change) {
        Order o = change.order;
        StateConfig.Risk risk = config.risk();
        if (!risk.enabled() || o.buyerPhone == null) {
            return Uni.createFrom().voidItem();
        }
        Instant placed = o.channelCreatedAt == null ? o.createdAt : o.channelCreatedAt;
        return orders.provincesOfPhone(o.buyerPhone, placed.minus(risk.window()), o.globalOrderId).invoke(others -> {
            Set<String> provinces = new HashSet<>(others);
            provinces.add(o.province == null ? "" : o.province);
            provinces.remove("");
            long count = others.size() + 1L;
            if (new BrushingRule(risk.maxOrders(), risk.maxProvinces()).suspicious(count, provinces.size())) {
                change.hold(Hold.RISK_REVIEW, "possible brushing: phone " + mask(o.buyerPhone) + " placed " + count
                        + " orders within " + risk.window().toHours() + " h to " + provinces.size() + " provinces (rule: more than "
                        + risk.maxOrders() + " orders to more than " + risk.maxProvinces() + " provinces)");
            }
        }).replaceWithVoid();
    }

    // ---------------------------------------------------------------- inventory

    /** The order's stock is reserved: STOCK_LOCKED (a confirmed reservation is the guard); a shortfall hold is released. */
    public Uni<Void> stockReserved(IncomingEvent event, StockChanged stock) {
        String actor = "service:" + (event.source() == null ? "inventory-service" : event.source());
        return lockForEvent(event, stock.globalOrderId()).chain(o -> lineRepository.forOrder(o.globalOrderId).chain(lines -> {
            OrderChange change = new OrderChange(o, lines, Instant.now(), actor, event.type(), event.data());
            Decision d = Lifecycle.decide(o.facts(), TransitionRequest.report(OrderState.STOCK_LOCKED, Evidence.reservation(),
                    actor, event.type()));
            if (d instanceof Decision.Refused refused) {
                change.refused(refused);
                return change.write(audits, outbox);
            }
            o.reservationConfirmed = true;
            change.release(Hold.STOCK_SHORTFALL, "stock reserved by " + actor);
            if (d instanceof Decision.Moved moved) {
                change.moved(moved, stock.reason() == null ? "stock reserved" : stock.reason());
            }
            health(change, false);
            return change.write(audits, outbox);
        }));
    }

    /** Inventory could not reserve the order's lines: held STOCK_SHORTFALL (while not past STOCK_LOCKED). */
    public Uni<Void> stockRejected(IncomingEvent event, StockChanged stock) {
        String actor = "service:" + (event.source() == null ? "inventory-service" : event.source());
        return lockForEvent(event, stock.globalOrderId()).chain(o -> {
            if (!SHORTFALL_STATES.contains(o.state)) {
                LOG.infof("%s is %s: stock rejection %s ignored", o.globalOrderId, o.state, event.id());
                return Uni.createFrom().voidItem();
            }
            return lineRepository.forOrder(o.globalOrderId).chain(lines -> {
                OrderChange change = new OrderChange(o, lines, Instant.now(), actor, event.type(), event.data());
                change.hold(Hold.STOCK_SHORTFALL, stock.reason() == null ? "inventory could not reserve the order's lines" : stock.reason());
                health(change, false);
                return change.write(audits, outbox);
            });
        });
    }

    private Uni<Order> lockForEvent(IncomingEvent event, String globalOrderId) {
        String id = blank(globalOrderId) ? event.subject() : globalOrderId;
        if (blank(id)) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") names no order");
        }
        return orders.lock(id).map(o -> {
            if (o == null) {
                throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") is about order " + id
                        + ", which order-state-service does not know");
            }
            return o;
        });
    }

    // ---------------------------------------------------------------- returns

    /**
     * Returns events: a refund-only request on an order not yet shipped closes it (a printed label is
     * intercepted at the warehouse too), a shipped one is intercepted where the carrier allows; any other
     * return in progress marks the order AFTER_SALE, and a finished one clears it.
     */
    public Uni<Void> returnEvent(IncomingEvent event, ReturnChanged ret) {
        String id = blank(ret.globalOrderId()) ? event.subject() : ret.globalOrderId();
        if (blank(id)) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") names no order");
        }
        String actor = "service:" + (event.source() == null ? "returns-service" : event.source());
        String trigger = event.type() + (ret.returnId() == null ? "" : " (return " + ret.returnId() + ")");
        return orders.lock(id).chain(o -> {
            if (o == null) {
                LOG.infof("return event %s is about order %s, unknown here: nothing to mark", event.id(), id);
                return Uni.createFrom().voidItem();
            }
            return lineRepository.forOrder(id).chain(lines -> {
                OrderChange change = new OrderChange(o, lines, Instant.now(), actor, trigger, event.data());
                switch (event.type()) {
                    case EventTypes.RETURN_INTERCEPT_REQUESTED -> interceptForRefund(change, actor, trigger);
                    case EventTypes.RETURN_REFUNDED, EventTypes.RETURN_EXCHANGE_SHIPPED, EventTypes.RETURN_REJECTED,
                            EventTypes.RETURN_REJECTED_BACK_TO_CUSTOMER ->
                            change.condition(Condition.AFTER_SALE, false, "after-sale finished (" + event.type() + ")");
                    default -> change.condition(Condition.AFTER_SALE, true, "after-sale in progress (" + event.type() + ")");
                }
                return change.write(audits, outbox);
            });
        });
    }

    private void interceptForRefund(OrderChange change, String actor, String trigger) {
        Order o = change.order;
        if (Lifecycle.canClose(o.state)) {
            if (o.state == OrderState.LABEL_PRINTED) {
                change.condition(Condition.INTERCEPTED, true, "refund requested before shipment: parcel stopped at the warehouse");
            }
            Decision d = Lifecycle.decide(o.facts(), TransitionRequest.report(OrderState.CLOSED, Evidence.NONE, actor, trigger));
            if (d instanceof Decision.Moved moved) {
                change.moved(moved, "refund requested before shipment (" + trigger + ")");
            }
            return;
        }
        change.condition(Condition.AFTER_SALE, true, "refund requested (" + trigger + ")");
        Interception.refusal(o.facts(), carrierAllowsIntercept(o.carrier)).ifPresentOrElse(
                why -> change.refused(o.state, o.state, "intercept for the refund refused: " + why),
                () -> change.condition(Condition.INTERCEPTED, true, "refund requested after shipment: intercept with " + o.carrier));
    }

    // ---------------------------------------------------------------- REST actions and holds

    /** The outcome of an action: the order after it, and the refusal (recorded) when it was refused. */
    public record ActionResult(OrderView order, String refusal) {
    }

    @WithTransaction
    public Uni<ActionResult> act(String globalOrderId, Action action, ActionRequest body, String actor) {
        ActionRequest request = body == null ? new ActionRequest(null, null, null) : body;
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("action", action.wire);
        snapshot.put("body", request);
        String trigger = "POST /orders/" + globalOrderId + "/actions/" + action.wire;
        return existing(globalOrderId, true).chain(o -> lineRepository.forOrder(o.globalOrderId).chain(lines -> {
            OrderChange change = new OrderChange(o, lines, Instant.now(), actor, trigger, json(snapshot));
            String refusal = null;
            if (action == Action.INTERCEPT) {
                refusal = Interception.refusal(o.facts(), carrierAllowsIntercept(o.carrier)).orElse(null);
                if (refusal != null) {
                    change.refused(o.state, o.state, refusal);
                } else {
                    change.condition(Condition.INTERCEPTED, true, request.reason() == null
                            ? "shipment intercepted (" + o.carrier + " " + o.trackingNumber + ")" : request.reason());
                }
            } else {
                Evidence evidence = new Evidence(request.carrier(), request.trackingNumber(), false);
                Decision d = Lifecycle.decide(o.facts(), TransitionRequest.command(action.wire, action.target, evidence, actor));
                if (d instanceof Decision.Refused refused) {
                    refusal = refused.reason();
                    change.refused(refused);
                } else if (d instanceof Decision.Moved moved) {
                    change.moved(moved, request.reason());
                    health(change, false);
                }
            }
            String why = refusal;
            return change.write(audits, outbox).chain(() -> view(o)).map(v -> new ActionResult(v, why));
        }));
    }

    @WithTransaction
    public Uni<OrderView> placeHold(String globalOrderId, Hold hold, String reason, String actor) {
        return existing(globalOrderId, true).chain(o -> lineRepository.forOrder(o.globalOrderId).chain(lines -> {
            OrderChange change = new OrderChange(o, lines, Instant.now(), actor, "POST /orders/" + globalOrderId + "/holds",
                    json(Map.of("hold", hold, "reason", reason == null ? "" : reason)));
            if (Lifecycle.isTerminal(o.state)) {
                throw ProblemException.conflict("order " + globalOrderId + " is " + o.state + "; a hold would stop nothing");
            }
            change.hold(hold, reason == null ? "placed by " + actor : reason);
            return change.write(audits, outbox).chain(() -> view(o));
        }));
    }

    @WithTransaction
    public Uni<OrderView> releaseHold(String globalOrderId, Hold hold, String reason, String actor) {
        return existing(globalOrderId, true).chain(o -> lineRepository.forOrder(o.globalOrderId).chain(lines -> {
            if (!o.holdSet().contains(hold)) {
                throw ProblemException.notFound("order " + globalOrderId + " is not held " + hold + "; its holds are "
                        + (o.holdSet().isEmpty() ? "none" : o.holdSet()));
            }
            OrderChange change = new OrderChange(o, lines, Instant.now(), actor,
                    "DELETE /orders/" + globalOrderId + "/holds/" + hold, json(Map.of("hold", hold, "reason", reason == null ? "" : reason)));
            change.release(hold, reason == null ? "released by " + actor : reason);
            return change.write(audits, outbox).chain(() -> view(o));
        }));
    }

    // ---------------------------------------------------------------- health

    /**
     * Recomputes the health score. An order that becomes red while paid and not yet shipped is held
     * HEALTH_RED (once: a person may release it); one that recovers is released.
     */
    private void health(OrderChange change, boolean created) {
        Order o = change.order;
        int redBelow = config.health().redBelow();
        boolean wasRedActive = !created && o.healthScore < redBelow && HEALTH_HELD_STATES.contains(change.stateBefore);
        boolean priceOk = PriceCheck.passes(o.total, change.lines.stream().map(l -> new PriceCheck.Line(l.unitPrice, l.quantity)).toList(),
                config.health().minPriceRatio(), config.health().maxPriceRatio());
        boolean paymentConfirmed = o.paidAt != null && o.state != OrderState.PENDING_PAYMENT;
        HealthScore score = HealthScore.of(o.addressComplete, paymentConfirmed, o.reservationConfirmed, priceOk, !blank(o.carrier));
        o.healthScore = score.value();
        boolean redActive = score.value() < redBelow && HEALTH_HELD_STATES.contains(o.state);
        if (redActive && !wasRedActive) {
            List<String> missing = new ArrayList<>();
            if (!o.addressComplete) {
                missing.add("address incomplete");
            }
            if (!paymentConfirmed) {
                missing.add("payment not confirmed");
            }
            if (!priceOk) {
                missing.add("price check failed");
            }
            change.hold(Hold.HEALTH_RED, "health score " + score.value() + " < " + redBelow + " (" + String.join(", ", missing) + ")");
        } else if (score.value() >= redBelow) {
            change.release(Hold.HEALTH_RED, "health score recovered to " + score.value());
        }
    }

    // ---------------------------------------------------------------- queries

    @WithSession
    public Uni<OrderView> get(String globalOrderId) {
        return existing(globalOrderId, false).chain(this::view);
    }

    @WithSession
    public Uni<List<TimelineEntry>> timeline(String globalOrderId) {
        return existing(globalOrderId, false).chain(o -> audits.timeline(globalOrderId))
                .map(list -> list.stream().map(TimelineEntry::of).toList());
    }

    @WithSession
    public Uni<OrderPage> search(OrderState state, String channel, Hold hold, Instant from, Instant to, int page, int size) {
        return orders.search(state, channel, hold, from, to, page, size).map(found -> new OrderPage(
                found.orders().stream().map(OrderSummary::of).toList(), page, size, found.total(),
                (found.total() + size - 1) / size));
    }

    @WithSession
    public Uni<OptionsView> options(String globalOrderId, ServiceOptions.Intent intent) {
        return existing(globalOrderId, false).map(o -> new OptionsView(o.globalOrderId, o.state, o.holdSet(), intent.wire,
                ServiceOptions.answer(o.facts(), intent, carrierAllowsIntercept(o.carrier))));
    }

    private Uni<Order> existing(String globalOrderId, boolean lock) {
        return (lock ? orders.lock(globalOrderId) : orders.findById(globalOrderId)).map(o -> {
            if (o == null) {
                throw ProblemException.notFound("no order " + globalOrderId + " is known to order-state-service; check the id "
                        + "(global ids look like OH2026XK9F2N1L; GET /channel-orders/{channel}/{shop}/{channelOrderId} on "
                        + "order-ingest-service finds one from a platform id)");
            }
            return o;
        });
    }

    private Uni<OrderView> view(Order o) {
        return lineRepository.forOrder(o.globalOrderId).chain(lines -> refs.forOrder(o.globalOrderId).map(channelIds ->
                new OrderView(o.globalOrderId, o.channel, o.shop, o.channelOrderId, o.channelStatus, o.state, o.holdSet(),
                        o.conditionSet(), o.funding, new OrderView.Amounts(o.total, o.currency, fees(o.fees)),
                        lines.stream().map(l -> new OrderView.Line(l.lineId, l.sku, l.title, l.quantity, l.unitPrice, l.currency)).toList(),
                        channelIds.stream().map(r -> r.ref).toList(), o.carrier, o.trackingNumber, o.healthScore,
                        new HealthScore(o.healthScore).band().name(), address(o.shippingAddress), o.paidAt, o.channelUpdatedAt,
                        o.createdAt, o.updatedAt)));
    }

    // ---------------------------------------------------------------- helpers

    private boolean carrierAllowsIntercept(String carrier) {
        return carrier == null || config.intercept().unsupportedCarriers().orElse(Set.of()).stream()
                .noneMatch(c -> c.equalsIgnoreCase(carrier));
    }

    private Map<String, Money> fees(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, new TypeReference<Map<String, Money>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private Address address(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, Address.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + o.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String mask(String phone) {
        return phone.length() <= 4 ? "****" : "*".repeat(phone.length() - 4) + phone.substring(phone.length() - 4);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
