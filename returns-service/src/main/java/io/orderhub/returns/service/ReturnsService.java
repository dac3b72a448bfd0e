package io.orderhub.returns.service;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.returns.config.ReturnsConfig;
import io.orderhub.returns.domain.Classification;
import io.orderhub.returns.domain.Intent;
import io.orderhub.returns.domain.IntentClassifier;
import io.orderhub.returns.domain.KnownOrder;
import io.orderhub.returns.domain.KnownOrderLine;
import io.orderhub.returns.domain.ReturnAudit;
import io.orderhub.returns.domain.ReturnFlag;
import io.orderhub.returns.domain.ReturnRequest;
import io.orderhub.returns.domain.ReturnStatus;
import io.orderhub.returns.domain.RiskCheck;
import io.orderhub.returns.domain.SkuVariants;
import io.orderhub.returns.repository.KnownOrderLineRepository;
import io.orderhub.returns.repository.KnownOrderRepository;
import io.orderhub.returns.repository.ReturnAuditRepository;
import io.orderhub.returns.repository.ReturnRequestRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The return flow. Every step changes the request, writes an audit row and puts its event on
 * {@code orderhub.returns.v1} through the outbox, in one transaction (keyed by the original global order id).
 */
@ApplicationScoped
public class ReturnsService {
    public static final String SYSTEM = "service:returns-service";
    private static final Pattern RETURN_ID_IN_REASON = Pattern.compile(
            "exchange ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    @Inject
    ReturnRequestRepository requests;
    @Inject
    ReturnAuditRepository audits;
    @Inject
    KnownOrderRepository orders;
    @Inject
    KnownOrderLineRepository lines;
    @Inject
    KnownOrders knownOrders;
    @Inject
    Outbox outbox;
    @Inject
    ReturnsConfig config;

    private final IntentClassifier classifier = new IntentClassifier();
    private RiskCheck risk;

    @PostConstruct
    void init() {
        ReturnsConfig.Risk r = config.risk();
        risk = new RiskCheck(new RiskCheck.Policy(r.window(), r.windowExpiredAction(), r.openedAction(), r.blacklistedAction()));
    }

    public Classification classify(String text) {
        return classifier.classify(text, config.minConfidence());
    }

    /** What a new request carries (REST). */
    public record NewReturn(String globalOrderId, String text, String sku, Integer quantity, String newSku,
            String customerId, Boolean opened) {
    }

    /** A return with its audit trail. */
    public record Details(ReturnRequest request, List<ReturnAudit> history) {
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    @WithSession
    public Uni<Details> details(UUID id) {
        return requests.findById(id).chain(r -> {
            if (r == null) {
                throw ProblemException.notFound("no return request " + id + "; create one with POST /returns");
            }
            return audits.forReturn(id).map(h -> new Details(r, h));
        });
    }

    @WithSession
    public Uni<List<ReturnRequest>> forOrder(String globalOrderId) {
        return requests.forOrder(globalOrderId);
    }

    // ---- request -----------------------------------------------------------------------------------------------

    @WithTransaction
    public Uni<ReturnRequest> create(NewReturn req, String actor) {
        return requests.forOrder(req.globalOrderId()).chain(existing -> {
            Optional<ReturnRequest> open = existing.stream()
                    .filter(r -> !r.status().terminal())
                    .filter(r -> req.sku() == null || r.originalSku == null || req.sku().equals(r.originalSku))
                    .findFirst();
            if (open.isPresent()) {
                ReturnRequest r = open.get();
                throw ProblemException.conflict("return " + r.id + " is already open for order " + req.globalOrderId()
                        + " (" + r.status + "): follow it with GET /returns/" + r.id).with("returnId", r.id);
            }
            return open(req, classify(req.text()), "rest", actor);
        });
    }

    /** An after-sale condition on a channel snapshot (via ingest): a request without the customer's words. */
    /** Whether the channel reports the order in an after-sale (return/refund) state. */
    public static boolean isAfterSale(OrderIngested snapshot) {
        return snapshot.conditions() != null && snapshot.conditions().contains("AFTER_SALE");
    }

    public Uni<Void> channelAfterSale(OrderIngested snapshot) {
        if (!isAfterSale(snapshot)) {
            return Uni.createFrom().voidItem();
        }
        String source = "channel:" + snapshot.channel();
        return knownOrders.ensure(snapshot).chain(order -> requests.forOrder(snapshot.globalOrderId()).chain(existing -> {
            boolean handled = existing.stream().anyMatch(r -> !r.status().terminal() || source.equals(r.source));
            if (handled) {
                return Uni.createFrom().voidItem();
            }
            boolean shipped = order.shipped() || snapshot.status() == OrderState.SHIPPED || snapshot.status() == OrderState.DELIVERED;
            Classification c = shipped
                    ? new Classification(null, 0.0, true, EnumSet.noneOf(ReturnFlag.class), null, null, null,
                    List.of("channel " + snapshot.channel() + " reports an after-sale on a shipped order, without the customer's words"))
                    : new Classification(Intent.REFUND_ONLY, 1.0, false, EnumSet.of(ReturnFlag.NO_RETURN_SHIPMENT), null,
                    null, null, List.of("channel " + snapshot.channel() + " reports an after-sale before shipment ("
                    + snapshot.channelStatus() + ")"));
            return open(new NewReturn(snapshot.globalOrderId(), null, null, null, null, null, false), c, source, source)
                    .replaceWithVoid();
        }));
    }

    private Uni<ReturnRequest> open(NewReturn req, Classification c, String source, String actor) {
        String orderId = req.globalOrderId();
        return orders.findById(orderId).chain(order -> lines.forOrder(orderId).chain(ls -> {
            Instant now = Instant.now();
            ReturnRequest r = new ReturnRequest();
            r.id = UUID.randomUUID();
            r.globalOrderId = orderId;
            r.customerText = req.text();
            r.createdAt = now;
            r.updatedAt = now;
            r.source = source;
            r.customerId = req.customerId();
            r.confidence = BigDecimal.valueOf(c.confidence()).setScale(3, RoundingMode.HALF_UP);
            r.flags = c.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            if (Boolean.TRUE.equals(req.opened())) {
                r.addFlag(ReturnFlag.OPENED);
            }
            r.desiredSize = c.desiredSize();
            r.desiredColour = c.desiredColour();
            KnownOrderLine line = originalLine(req, ls);
            r.originalSku = line != null ? line.sku : req.sku();
            r.quantity = req.quantity() == null ? 1 : req.quantity();
            if (line != null && r.quantity > line.quantity) {
                throw ProblemException.unprocessable("quantity " + r.quantity + " is more than the " + line.quantity
                        + " unit(s) of " + line.sku + " in order " + orderId);
            }
            r.newSku = firstNonBlank(req.newSku(), c.desiredSku(),
                    SkuVariants.exchangeSku(r.originalSku, c.desiredSize(), c.desiredColour(), c.has(ReturnFlag.DEFECTIVE)));
            boolean blacklisted = req.customerId() != null && config.risk().blacklist().stream()
                    .anyMatch(b -> b.equalsIgnoreCase(req.customerId().trim()));
            Set<ReturnFlag> flags = EnumSet.noneOf(ReturnFlag.class);
            r.flagSet().forEach(f -> flags.add(ReturnFlag.valueOf(f)));
            RiskCheck.Outcome outcome = risk.check(new RiskCheck.Request(c.intent(), c.needsReview(), flags,
                    order == null ? null : order.state, order != null && order.shipped(),
                    order == null ? null : order.shippedAt, order == null ? null : order.deliveredAt, blacklisted,
                    ls.size(), r.originalSku, r.newSku), now);
            // a reading that is not clear enough is not kept as the intent: a person says what it is
            r.intent = outcome.intent() == null || c.needsReview() ? null : outcome.intent().name();
            if (outcome.intent() == Intent.REFUND_ONLY) {
                r.addFlag(ReturnFlag.NO_RETURN_SHIPMENT);
            }
            String routed = "read as " + (c.intent() == null ? "no clear intent" : c.intent().name())
                    + String.format(Locale.ROOT, " (confidence %.2f)", c.confidence())
                    + (c.evidence().isEmpty() ? "" : ": " + String.join("; ", c.evidence()));
            r.status = ReturnStatus.ROUTED.name();
            return requests.persist(r)
                    .chain(() -> audits.persist(ReturnAudit.of(r.id, null, ReturnStatus.ROUTED, actor, routed, now)))
                    .chain(() -> publish(r, EventTypes.RETURN_ROUTED, ReturnStatus.ROUTED.name(), now))
                    .chain(() -> decide(r, outcome, order, ls, now))
                    .replaceWith(r);
        }));
    }

    private Uni<Void> decide(ReturnRequest r, RiskCheck.Outcome outcome, KnownOrder order, List<KnownOrderLine> ls, Instant now) {
        String reasons = String.join("; ", outcome.reasons());
        return switch (outcome.decision()) {
            case REJECT -> {
                r.reviewReason = reasons;
                yield record(r, ReturnStatus.REJECTED, SYSTEM, reasons, EventTypes.RETURN_REJECTED, now);
            }
            case MANUAL_REVIEW -> {
                r.reviewReason = reasons;
                yield record(r, ReturnStatus.MANUAL_REVIEW, SYSTEM, reasons, EventTypes.RETURN_MANUAL_REVIEW, now);
            }
            case APPROVE -> approve(r, order, ls, SYSTEM, reasons.isEmpty() ? "risk check passed" : reasons, now);
        };
    }

    /** Approved: refund-only before shipment intercepts the order, otherwise the goods are awaited. */
    private Uni<Void> approve(ReturnRequest r, KnownOrder order, List<KnownOrderLine> ls, String actor, String reason, Instant now) {
        r.reviewReason = null;
        Intent intent = r.intent();
        boolean shipped = order != null && order.shipped();
        if (intent == Intent.REFUND_ONLY && !shipped) {
            refund(r, ls, null); // the whole order is stopped and closed
        } else if (intent != Intent.EXCHANGE && !r.hasFlag(ReturnFlag.PARTIAL_REFUND)) {
            refund(r, ls, r.originalSku);
        }
        if (intent == Intent.EXCHANGE) {
            r.exchangeStock = ReturnRequest.STOCK_PENDING;
        }
        Uni<Void> approved = record(r, ReturnStatus.APPROVED, actor, reason, EventTypes.RETURN_APPROVED, now);
        if (intent == Intent.REFUND_ONLY && !shipped) {
            return approved.chain(() -> record(r, ReturnStatus.INTERCEPT_REQUESTED, SYSTEM,
                    "refund only before shipment: stop the order in the warehouse and close it (its stock is released)",
                    EventTypes.RETURN_INTERCEPT_REQUESTED, now));
        }
        if (intent == Intent.REFUND_ONLY) {
            return approved.chain(() -> record(r, ReturnStatus.REFUNDED, actor,
                    "refund only approved on a shipped order: nothing comes back" + amount(r), EventTypes.RETURN_REFUNDED, now));
        }
        return approved.chain(() -> record(r, ReturnStatus.AWAITING_GOODS, SYSTEM,
                intent == Intent.EXCHANGE ? "awaiting " + r.originalSku + " back; " + r.newSku + " is reserved for the exchange"
                        : "awaiting " + r.originalSku + " back", null, now));
    }

    // ---- the order moves ---------------------------------------------------------------------------------------

    /** The lifecycle moved: an intercepted order closed (refund) or shipped anyway (it becomes a return). */
    public Uni<Void> onOrderChanged(KnownOrder order) {
        if (!"CLOSED".equals(order.state) && !order.shipped()) {
            // a waiting interception only moves when the order closed or shipped: nothing to read or lock otherwise
            return Uni.createFrom().voidItem();
        }
        return requests.lockedForOrder(order.globalOrderId, ReturnStatus.INTERCEPT_REQUESTED).chain(waiting -> {
            Instant now = Instant.now();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ReturnRequest r : waiting) {
                if ("CLOSED".equals(order.state) && !order.shipped()) {
                    chain = chain.chain(() -> record(r, ReturnStatus.REFUNDED, SYSTEM,
                            "the order was closed before it left the warehouse: refund issued" + amount(r),
                            EventTypes.RETURN_REFUNDED, now));
                } else if (order.shipped()) {
                    chain = chain.chain(() -> lines.forOrder(order.globalOrderId).chain(ls -> {
                        r.intent = Intent.RETURN_AND_REFUND.name();
                        Set<String> flags = r.flagSet();
                        flags.remove(ReturnFlag.NO_RETURN_SHIPMENT.name());
                        r.flags = String.join(",", flags);
                        if (r.originalSku == null && ls.size() == 1) {
                            r.originalSku = ls.get(0).sku;
                        }
                        return record(r, ReturnStatus.AWAITING_GOODS, SYSTEM,
                                "the order shipped before it could be intercepted: it is a return now, the goods come back first",
                                EventTypes.RETURN_ROUTED, now);
                    }));
                }
            }
            return chain;
        });
    }

    /** Inventory answered an exchange's reservation of the new SKU. */
    /** Whether inventory's answer is about an exchange's units: it names the return (its id, or in its reason). */
    public static boolean concernsExchange(StockChanged change) {
        return change.returnId() != null || (change.reason() != null && RETURN_ID_IN_REASON.matcher(change.reason()).find());
    }

    public Uni<Void> onExchangeStock(StockChanged change, boolean reserved) {
        Matcher m = change.reason() == null ? null : RETURN_ID_IN_REASON.matcher(change.reason());
        String returnId = change.returnId() != null ? change.returnId() : m != null && m.find() ? m.group(1) : null;
        Set<String> skus = change.lines() == null ? Set.of()
                : change.lines().stream().map(StockChanged.Line::sku).collect(Collectors.toSet());
        return requests.lockedForOrder(change.globalOrderId(), ReturnStatus.AWAITING_GOODS)
                .chain(awaiting -> requests.lockedForOrder(change.globalOrderId(), ReturnStatus.RECEIVED).map(received -> {
                    List<ReturnRequest> all = new java.util.ArrayList<>(awaiting);
                    all.addAll(received);
                    return all.stream()
                            .filter(r -> r.intent() == Intent.EXCHANGE && ReturnRequest.STOCK_PENDING.equals(r.exchangeStock))
                            .filter(r -> returnId != null ? returnId.equals(r.id.toString()) : skus.contains(r.newSku))
                            .toList();
                }))
                .chain(matched -> {
                    Instant now = Instant.now();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ReturnRequest r : matched) {
                        r.exchangeStock = reserved ? ReturnRequest.STOCK_RESERVED : ReturnRequest.STOCK_REJECTED;
                        r.updatedAt = now;
                        String why = reserved ? r.newSku + " reserved for the exchange (original line frozen)"
                                : r.newSku + " cannot be reserved for the exchange: " + change.reason();
                        if (!reserved && r.status() == ReturnStatus.AWAITING_GOODS) {
                            r.reviewReason = why + "; offer a refund (intent RETURN_AND_REFUND) or another SKU";
                            chain = chain.chain(() -> record(r, ReturnStatus.MANUAL_REVIEW, "service:inventory-service",
                                    r.reviewReason, EventTypes.RETURN_MANUAL_REVIEW, now));
                        } else {
                            chain = chain.chain(() -> note(r, "service:inventory-service", why, now));
                        }
                    }
                    return chain;
                });
    }

    // ---- warehouse ---------------------------------------------------------------------------------------------

    @WithTransaction
    public Uni<ReturnRequest> receive(UUID id, String actor, String note) {
        return locked(id).chain(r -> {
            expect(r, ReturnStatus.AWAITING_GOODS, "goods can be received only for a return awaiting them");
            Instant now = Instant.now();
            r.receivedAt = now;
            r.qcDueAt = now.plus(config.qcDeadline());
            return record(r, ReturnStatus.RECEIVED, actor, "goods received" + (note == null ? "" : " (" + note + ")")
                    + "; quality check due by " + r.qcDueAt, EventTypes.RETURN_RECEIVED, now).replaceWith(r);
        });
    }

    @WithTransaction
    public Uni<ReturnRequest> qualityCheck(UUID id, boolean passed, String note, String actor) {
        return locked(id).chain(r -> {
            expect(r, ReturnStatus.RECEIVED, "the quality check comes after the goods are received (POST /returns/" + id + "/receive)");
            Instant now = Instant.now();
            r.qcNote = note;
            String what = note == null || note.isBlank() ? "" : ": " + note;
            if (!passed) {
                return record(r, ReturnStatus.QC_FAILED, actor, "quality check failed" + what, EventTypes.RETURN_QC_RESULT, now)
                        .chain(() -> record(r, ReturnStatus.SENT_BACK, SYSTEM,
                                "quality check failed: the goods go back to the customer, no refund or exchange",
                                EventTypes.RETURN_REJECTED_BACK_TO_CUSTOMER, now))
                        .replaceWith(r);
            }
            return record(r, ReturnStatus.QC_PASSED, actor, "quality check passed" + what, EventTypes.RETURN_QC_RESULT, now)
                    .chain(() -> afterQc(r, actor, now)).replaceWith(r);
        });
    }

    private Uni<Void> afterQc(ReturnRequest r, String actor, Instant now) {
        if (r.intent() == Intent.EXCHANGE) {
            if (ReturnRequest.STOCK_RESERVED.equals(r.exchangeStock)) {
                return record(r, ReturnStatus.EXCHANGE_SHIPPED, actor, "ship " + r.newSku + " × " + r.quantity
                        + " to the customer (exchange for " + r.originalSku + ")", EventTypes.RETURN_EXCHANGE_SHIPPED, now);
            }
            r.reviewReason = "quality check passed but " + r.newSku + " is not reserved (" + r.exchangeStock
                    + "): approve as RETURN_AND_REFUND, or wait for the stock";
            return record(r, ReturnStatus.MANUAL_REVIEW, SYSTEM, r.reviewReason, EventTypes.RETURN_MANUAL_REVIEW, now);
        }
        return record(r, ReturnStatus.REFUNDED, actor, "refund issued" + amount(r), EventTypes.RETURN_REFUNDED, now);
    }

    // ---- people ------------------------------------------------------------------------------------------------

    @WithTransaction
    public Uni<ReturnRequest> decide(UUID id, boolean approve, Intent intent, String newSku, String reason, String actor) {
        return locked(id).chain(r -> {
            expect(r, ReturnStatus.MANUAL_REVIEW, "only a return in manual review waits for a decision");
            Instant now = Instant.now();
            String why = reason == null || reason.isBlank() ? (approve ? "approved by a person" : "rejected by a person") : reason;
            if (!approve) {
                return record(r, ReturnStatus.REJECTED, actor, why, EventTypes.RETURN_REJECTED, now).replaceWith(r);
            }
            if (intent != null) {
                r.intent = intent.name();
            }
            if (newSku != null && !newSku.isBlank()) {
                r.newSku = newSku.trim();
            }
            if (r.intent() == null) {
                throw ProblemException.unprocessable("say what the customer gets: send \"intent\" EXCHANGE, REFUND_ONLY or"
                        + " RETURN_AND_REFUND with the approval");
            }
            if (r.intent() == Intent.EXCHANGE && r.newSku == null) {
                throw ProblemException.unprocessable("an exchange needs the SKU the customer gets: send \"newSku\"");
            }
            if (r.intent() != Intent.EXCHANGE && r.intent() != Intent.REFUND_ONLY && r.originalSku == null) {
                throw ProblemException.unprocessable("say which SKU comes back: the order's lines do not tell");
            }
            return orders.findById(r.globalOrderId).chain(order -> lines.forOrder(r.globalOrderId).chain(ls -> {
                if (r.receivedAt == null) {
                    return approve(r, order, ls, actor, why, now);
                }
                // the goods are here and passed quality check
                if (r.intent() == Intent.EXCHANGE && !ReturnRequest.STOCK_RESERVED.equals(r.exchangeStock)) {
                    throw ProblemException.conflict("the goods passed quality check but " + r.newSku + " is not reserved ("
                            + r.exchangeStock + "): approve with intent RETURN_AND_REFUND instead");
                }
                if (r.intent() != Intent.EXCHANGE) {
                    refund(r, ls, r.originalSku);
                }
                return afterQc(r, actor, now);
            })).replaceWith(r);
        });
    }

    // ---- escalation --------------------------------------------------------------------------------------------

    /** Received returns whose quality check is overdue: escalated once each (the mark commits with the event). */
    @WithTransaction
    public Uni<Integer> escalateOverdueQualityChecks() {
        Instant now = Instant.now();
        return requests.lockedOverdueQc(now, 200).chain(overdue -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ReturnRequest r : overdue) {
                r.qcOverdueAt = now;
                r.updatedAt = now;
                String why = "quality check overdue: it was due by " + r.qcDueAt + " (" + config.qcDeadline()
                        + " after the goods were received)";
                chain = chain.chain(() -> note(r, SYSTEM, why, now))
                        .chain(() -> publish(r, EventTypes.RETURN_QC_OVERDUE, "QC_OVERDUE", now));
            }
            return chain.replaceWith(overdue.size());
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Uni<ReturnRequest> locked(UUID id) {
        return requests.findById(id, LockModeType.PESSIMISTIC_WRITE).map(r -> {
            if (r == null) {
                throw ProblemException.notFound("no return request " + id);
            }
            return r;
        });
    }

    private static void expect(ReturnRequest r, ReturnStatus status, String hint) {
        if (r.status() != status) {
            throw ProblemException.conflict("return " + r.id + " is " + r.status + ", not " + status + ": " + hint)
                    .with("status", r.status);
        }
    }

    /** Moves the request, audits it and (if {@code eventType} is given) publishes the step. */
    private Uni<Void> record(ReturnRequest r, ReturnStatus next, String actor, String reason, String eventType, Instant now) {
        ReturnAudit audit = r.moveTo(next, actor, reason, now);
        Uni<Void> saved = audits.persist(audit).replaceWithVoid();
        return eventType == null ? saved : saved.chain(() -> publish(r, eventType, next.name(), now));
    }

    /** An audit row without a status change (inventory's answer, an escalation). */
    private Uni<Void> note(ReturnRequest r, String actor, String reason, Instant now) {
        return audits.persist(ReturnAudit.of(r.id, r.status(), r.status(), actor, reason, now)).replaceWithVoid();
    }

    private Uni<Void> publish(ReturnRequest r, String type, String status, Instant now) {
        ReturnChanged payload = new ReturnChanged(r.id.toString(), r.globalOrderId, r.intent, r.flagSet(), status,
                r.originalSku, r.newSku, r.quantity, now);
        return outbox.add(Topics.RETURNS, type, r.globalOrderId, r.globalOrderId, payload, now).replaceWithVoid();
    }

    private static KnownOrderLine originalLine(NewReturn req, List<KnownOrderLine> ls) {
        if (req.sku() != null && !req.sku().isBlank()) {
            Optional<KnownOrderLine> line = ls.stream().filter(l -> l.sku.equals(req.sku().trim())).findFirst();
            if (line.isEmpty() && !ls.isEmpty()) {
                throw ProblemException.unprocessable("SKU " + req.sku() + " is not a line of order " + req.globalOrderId()
                        + "; its SKUs are " + ls.stream().map(l -> l.sku).toList());
            }
            return line.orElse(null);
        }
        return ls.size() == 1 ? ls.get(0) : null;
    }

    /** Refund amount: one SKU's units, or (sku null) the whole order. Unknown prices leave it empty. */
    private static void refund(ReturnRequest r, List<KnownOrderLine> ls, String sku) {
        BigDecimal total = BigDecimal.ZERO;
        String currency = null;
        for (KnownOrderLine l : ls) {
            if (sku != null && !sku.equals(l.sku)) {
                continue;
            }
            if (l.unitPrice == null) {
                return;
            }
            int units = sku == null ? l.quantity : r.quantity;
            total = total.add(l.unitPrice.multiply(BigDecimal.valueOf(units)));
            currency = l.currency;
        }
        if (currency != null) {
            r.refundAmount = total;
            r.refundCurrency = currency;
        }
    }

    private static String amount(ReturnRequest r) {
        return r.refundAmount == null ? "" : " (" + r.refundAmount.stripTrailingZeros().toPlainString() + " " + r.refundCurrency + ")";
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
