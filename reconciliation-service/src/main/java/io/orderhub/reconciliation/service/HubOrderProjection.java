package io.orderhub.reconciliation.service;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.reconciliation.domain.Fees;
import io.orderhub.reconciliation.domain.HubOrder;
import io.orderhub.reconciliation.repository.HubOrderRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.TreeSet;

/**
 * Keeps the hub's side of each order current: lifecycle events set its state, holds and tracking (refusals change
 * nothing); ingested snapshots set its channel ids, total and fees (an older snapshot never overwrites a newer one).
 * Either way the order is marked for the next comparison. Runs inside the consumer's inbox transaction.
 */
@ApplicationScoped
public class HubOrderProjection {
    static final String TOUCH = """
            insert into recon_order (order_key, global_order_id, channel, shop, channel_order_id)
            values (:k, :k, cast(:ch as varchar), cast(:shop as varchar), cast(:cid as varchar))
            on conflict (order_key) do update set
                global_order_id = excluded.global_order_id,
                channel = coalesce(recon_order.channel, excluded.channel),
                shop = coalesce(recon_order.shop, excluded.shop),
                channel_order_id = coalesce(recon_order.channel_order_id, excluded.channel_order_id),
                change_seq = recon_order.change_seq + 1, needs_check = true
            """;
    static final String REF = """
            insert into channel_order_ref (channel, shop, channel_order_id, global_order_id) values (:ch, :shop, :cid, :gid)
            on conflict (channel, shop, channel_order_id) do update set global_order_id = excluded.global_order_id
            """;

    static final String ENSURE = "insert into hub_order (global_order_id, updated_at) values (:id, now()) on conflict do nothing";

    @Inject
    HubOrderRepository orders;

    /**
     * The order's row, created if needed and locked for this transaction: the lifecycle and the ingested consumers
     * may write the same new order at the same moment, and neither must lose (or fail on) the other's insert.
     */
    private Uni<HubOrder> lockedRow(String globalOrderId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(ENSURE).setParameter("id", globalOrderId).executeUpdate())
                .chain(() -> orders.findById(globalOrderId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** A lifecycle event ({@code type} is its {@code ce_type}). */
    public Uni<Void> apply(String type, OrderLifecycleChanged change) {
        if (change.refused() || change.to() == null) {
            return Uni.createFrom().voidItem();
        }
        return lockedRow(change.globalOrderId()).chain(o -> {
            if (change.channel() != null) {
                o.channel = change.channel();
            }
            o.state = change.to().name();
            if (change.paidAt() != null) {
                o.paidAt = change.paidAt();
            }
            if (change.trackingNumber() != null) {
                o.trackingNumber = change.trackingNumber();
            }
            if (change.carrier() != null) {
                o.carrier = change.carrier();
            }
            Instant at = change.occurredAt() == null ? Instant.now() : change.occurredAt();
            if (change.to() == OrderState.SHIPPED && o.shippedAt == null) {
                o.shippedAt = at;
            }
            if (change.holds() != null) {
                o.holds = change.holds().isEmpty() ? null : String.join(",", new TreeSet<>(change.holds()));
            }
            if (EventTypes.ORDER_HELD.equals(type) && change.reason() != null) {
                o.holdReason = change.reason();
            } else if (o.holds == null) {
                o.holdReason = null;
            }
            o.updatedAt = at;
            return touch(change.globalOrderId(), change.channel(), null, null);
        });
    }

    /** An ingested snapshot: channel ids, total and fees as the hub understood them. */
    public Uni<Void> apply(OrderIngested snapshot) {
        if (snapshot.globalOrderId() == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> ref = snapshot.channel() == null || snapshot.shop() == null || snapshot.channelOrderId() == null
                ? Uni.createFrom().voidItem()
                : Panache.getSession().chain(s -> s.createNativeQuery(REF).setParameter("ch", snapshot.channel())
                        .setParameter("shop", snapshot.shop()).setParameter("cid", snapshot.channelOrderId())
                        .setParameter("gid", snapshot.globalOrderId()).executeUpdate()).replaceWithVoid();
        return ref.chain(() -> lockedRow(snapshot.globalOrderId())).chain(o -> {
            boolean older = o.channelUpdatedAt != null && snapshot.channelUpdatedAt() != null
                    && snapshot.channelUpdatedAt().isBefore(o.channelUpdatedAt);
            if (!older) {
                o.channel = snapshot.channel();
                o.shop = snapshot.shop();
                o.channelOrderId = snapshot.channelOrderId();
                if (snapshot.total() != null) {
                    o.total = snapshot.total().amount();
                    o.currency = snapshot.total().currency();
                }
                o.fees = Fees.json(snapshot.fees());
                o.channelUpdatedAt = snapshot.channelUpdatedAt();
            }
            return touch(snapshot.globalOrderId(), snapshot.channel(), snapshot.shop(), snapshot.channelOrderId());
        });
    }

    /** Makes sure the order has a row to be compared and marks it for the next comparison. */
    private Uni<Void> touch(String globalOrderId, String channel, String shop, String channelOrderId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(TOUCH).setParameter("k", globalOrderId)
                .setParameter("ch", channel).setParameter("shop", shop).setParameter("cid", channelOrderId)
                .executeUpdate()).replaceWithVoid();
    }
}
