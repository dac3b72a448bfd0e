package io.orderhub.state.service;

import io.orderhub.kit.problem.ProblemException;
import io.orderhub.state.client.ChannelCredential;
import io.orderhub.state.client.ChannelShipments;
import io.orderhub.state.client.Shipment;
import io.orderhub.state.client.ShipmentOutcome;
import io.orderhub.state.client.Warehouse;
import io.orderhub.state.config.StateConfig;
import io.orderhub.state.domain.AuditKind;
import io.orderhub.state.domain.ManualReview;
import io.orderhub.state.domain.OrderAudit;
import io.orderhub.state.domain.OutboundCall;
import io.orderhub.state.repository.AuditRepository;
import io.orderhub.state.repository.ManualReviewRepository;
import io.orderhub.state.repository.OutboundCallRepository;
import io.orderhub.state.rest.ManualReviewPage;
import io.orderhub.state.rest.ManualReviewView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbound calls that order changes recorded ({@link OutboundCall}), after their transaction committed:
 * shipments written back to the channel through {@link ChannelShipments}, intercepts through {@link Warehouse} (both
 * with timeout, retries and a circuit breaker). Every outcome is in the order's timeline; a failure — the other side
 * refused (REJECTED) or could not be reached after the retries (UNREACHABLE) — becomes an item of the manual-review
 * queue, tagged {@code CROSS_CHANNEL_CONFLICT} for a write-back and {@code WAREHOUSE_INTERCEPT} for an intercept.
 * Kicked right after a change that recorded calls, and by a schedule for anything a kick missed; a lease on each
 * row keeps two replicas from sending one call twice.
 */
@ApplicationScoped
public class OutboundService {
    private static final Logger LOG = Logger.getLogger(OutboundService.class);
    static final String ACTOR = "service:order-state-service";

    @Inject
    Pool pool;
    @Inject
    StateConfig config;
    @Inject
    ChannelShipments shipments;
    @Inject
    Warehouse warehouse;
    @Inject
    ChannelCredentials credentials;
    @Inject
    OutboundCallRepository calls;
    @Inject
    ManualReviewRepository reviews;
    @Inject
    AuditRepository audits;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** A claimed call, as read from its row. */
    record Claimed(UUID id, OutboundCall.Kind kind, String globalOrderId, String channel, String shop, String channelOrderId,
            String carrier, String trackingNumber, String reason, int attempts, Instant createdAt) {
    }

    /** Sends what is pending, in the background; if a run is going on, it runs once more right after. */
    /**
     * Set when a change wrote an outbound call, so a consumer kicks the worker after its commit only then: kicking
     * after every ingested or returns event claimed (one statement, one transaction) for nothing almost always. A
     * call whose kick is missed (a rollback, a crash) is sent by the schedule.
     */
    private static final AtomicBoolean CALLS_WRITTEN = new AtomicBoolean();

    static void callsWritten() {
        CALLS_WRITTEN.set(true);
    }

    /** {@link #kick()} if a change wrote an outbound call since the last such kick. */
    public void kickIfCallsWritten() {
        if (CALLS_WRITTEN.getAndSet(false)) {
            kick();
        }
    }

    public void kick() {
        Context context = Vertx.currentContext();
        if (context == null || !config.outbound().enabled()) {
            return; // the schedule picks it up
        }
        run().subscribe().with(n -> { }, e -> LOG.warnf("outbound calls: %s", e.toString()));
    }

    /** One run (the schedule's entry point): does nothing if one is going on, and repeats if kicked meanwhile. */
    public Uni<Integer> run() {
        if (!config.outbound().enabled()) {
            return Uni.createFrom().item(0);
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().item(0);
        }
        Context context = Vertx.currentContext();
        return sendPending(context)
                .eventually(() -> running.set(false))
                .call(n -> again.getAndSet(false) ? run() : Uni.createFrom().item(0));
    }

    private Uni<Integer> sendPending(Context context) {
        return claim().chain(claimed -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Claimed c : claimed) {
                chain = chain.chain(n -> onContext(send(c), context)
                        .onFailure().recoverWithItem(e -> ShipmentOutcome.unreachable("unexpected failure: " + e, null))
                        .chain(outcome -> record(c, outcome))
                        .replaceWith(n + 1));
            }
            return chain;
        });
    }

    private Uni<List<Claimed>> claim() {
        return pool.preparedQuery("update outbound_call set lease_until = now() + interval '2 minutes', attempts = attempts + 1, "
                        + "updated_at = now() where id in (select id from outbound_call where status = 'PENDING' "
                        + "and (lease_until is null or lease_until < now()) order by created_at limit $1 for update skip locked) "
                        + "returning id, kind, global_order_id, channel, shop, channel_order_id, carrier, tracking_number, reason, attempts, created_at")
                .execute(Tuple.of(config.outbound().batch()))
                .map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Claimed(r.getUUID("id"), OutboundCall.Kind.valueOf(r.getString("kind")), r.getString("global_order_id"),
                                r.getString("channel"), r.getString("shop"), r.getString("channel_order_id"), r.getString("carrier"),
                                r.getString("tracking_number"), r.getString("reason"), r.getInteger("attempts"),
                                r.getOffsetDateTime("created_at").toInstant()));
                    }
                    return out;
                });
    }

    private Uni<ShipmentOutcome> send(Claimed c) {
        if (c.kind() == OutboundCall.Kind.WAREHOUSE_INTERCEPT) {
            return warehouse.intercept(c.globalOrderId(), c.carrier(), c.trackingNumber(), c.reason());
        }
        ChannelCredential credential = credentials.of(c.channel(), c.shop());
        if (credential == null) {
            return Uni.createFrom().item(ShipmentOutcome.rejected("no API credentials for shop '" + c.shop() + "' on " + c.channel()
                    + ": configure orderhub.state.outbound.shops.<name>.channel/shop/app-key/secret/access-token", null, null));
        }
        // the call was recorded with the shipment, so its time is the shipment's and its id the same on every retry
        return shipments.writeBack(credential, new Shipment(c.channelOrderId(), c.carrier(), c.trackingNumber(), c.createdAt(),
                c.id().toString()));
    }

    /** Back on the caller's Vert.x context after the REST client (the database session must be used from it). */
    private static <T> Uni<T> onContext(Uni<T> uni, Context context) {
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private Uni<Void> record(Claimed c, ShipmentOutcome outcome) {
        boolean writeBack = c.kind() == OutboundCall.Kind.CHANNEL_SHIPMENT;
        return Panache.withTransaction(() -> calls.findById(c.id()).chain(call -> {
            Instant now = Instant.now();
            call.leaseUntil = null;
            call.updatedAt = now;
            OrderAudit audit = new OrderAudit();
            audit.globalOrderId = c.globalOrderId();
            audit.kind = writeBack ? AuditKind.WRITE_BACK : AuditKind.WAREHOUSE;
            audit.detail = outcome.result().name();
            audit.actor = ACTOR;
            audit.trigger = writeBack ? "write-back to " + c.channel() + " (" + c.reason() + ")" : "warehouse intercept (" + c.reason() + ")";
            audit.snapshot = snapshot(outcome);
            audit.occurredAt = now;
            if (outcome.result() == ShipmentOutcome.Result.SUCCEEDED) {
                call.status = OutboundCall.Status.SUCCEEDED;
                call.completedAt = now;
                call.lastError = null;
                audit.reason = writeBack ? "tracking number " + c.trackingNumber() + " (" + c.carrier() + ") written back: " + outcome.detail()
                        : outcome.detail();
                LOG.infof("%s %s: %s", c.kind(), c.globalOrderId(), outcome.detail());
                return audits.persist(audit).replaceWithVoid();
            }
            call.status = OutboundCall.Status.MANUAL_REVIEW;
            call.lastError = outcome.detail();
            ManualReview item = new ManualReview();
            item.id = UUID.randomUUID();
            item.globalOrderId = c.globalOrderId();
            item.tag = writeBack ? ManualReview.Tag.CROSS_CHANNEL_CONFLICT : ManualReview.Tag.WAREHOUSE_INTERCEPT;
            item.kind = outcome.result() == ShipmentOutcome.Result.REJECTED ? ManualReview.Kind.REJECTED : ManualReview.Kind.UNREACHABLE;
            item.outboundCallId = c.id();
            item.channel = c.channel();
            item.shop = c.shop();
            item.channelOrderId = c.channelOrderId();
            item.reason = (writeBack ? "the hub shipped " + c.globalOrderId() + " (tracking " + c.trackingNumber() + ") but "
                    + c.channel() + " was not told: " : "the warehouse was not told to stop the parcel of closed order "
                    + c.globalOrderId() + ": ") + outcome.detail();
            item.request = outcome.request();
            item.response = outcome.response();
            item.status = ManualReview.Status.OPEN;
            item.createdAt = now;
            audit.reason = item.reason + " → manual review " + item.id + " (" + item.tag + ")";
            LOG.warnf("%s %s failed (%s), manual review %s: %s", c.kind(), c.globalOrderId(), item.kind, item.id, outcome.detail());
            return reviews.persist(item).chain(() -> audits.persist(audit)).replaceWithVoid();
        }));
    }

    /** What was sent and answered, as the JSON the timeline shows. */
    private String snapshot(ShipmentOutcome outcome) {
        java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("result", outcome.result());
        s.put("request", outcome.request());
        s.put("response", outcome.response());
        try {
            return json.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ the queue

    @WithSession
    public Uni<ManualReviewPage> reviews(ManualReview.Status status, ManualReview.Tag tag, String globalOrderId, int page, int size) {
        var query = reviews.search(status, tag, globalOrderId);
        return query.page(Page.of(page, size)).list().chain(items -> query.count().map(total -> new ManualReviewPage(
                items.stream().map(ManualReviewView::of).toList(), page, size, total)));
    }

    @WithSession
    public Uni<ManualReviewView> review(UUID id) {
        return reviews.findById(id).map(item -> ManualReviewView.of(require(item, id)));
    }

    /** Sends the failed call again: the item is resolved as retried, the call is pending again (a new failure opens a new item). */
    public Uni<ManualReviewView> retry(UUID id, String user) {
        return Panache.withTransaction(() -> reviews.findById(id).chain(item -> {
            requireOpen(require(item, id));
            if (item.outboundCallId == null) {
                throw ProblemException.conflict("manual review " + id + " has no call to retry; resolve it by hand");
            }
            item.status = ManualReview.Status.RESOLVED;
            item.resolvedAt = Instant.now();
            item.resolvedBy = user;
            item.resolution = "retried by " + user;
            return calls.findById(item.outboundCallId).map(call -> {
                call.status = OutboundCall.Status.PENDING;
                call.leaseUntil = null;
                call.updatedAt = Instant.now();
                return ManualReviewView.of(item);
            });
        }));
    }

    /** Closes the item with what the person did (e.g. "tracking entered in the Taobao seller centre"). */
    public Uni<ManualReviewView> resolve(UUID id, String resolution, String user) {
        return Panache.withTransaction(() -> reviews.findById(id).map(item -> {
            requireOpen(require(item, id));
            item.status = ManualReview.Status.RESOLVED;
            item.resolvedAt = Instant.now();
            item.resolvedBy = user;
            item.resolution = resolution;
            return ManualReviewView.of(item);
        }));
    }

    private static ManualReview require(ManualReview item, UUID id) {
        if (item == null) {
            throw ProblemException.notFound("no manual review " + id + "; GET /manual-review lists them");
        }
        return item;
    }

    private static void requireOpen(ManualReview item) {
        if (item.status != ManualReview.Status.OPEN) {
            throw ProblemException.conflict("manual review " + item.id + " is already " + item.status + " (" + item.resolution + ")")
                    .with("status", item.status);
        }
    }
}
