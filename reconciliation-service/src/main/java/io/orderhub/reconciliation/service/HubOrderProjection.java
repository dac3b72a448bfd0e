package io.orderhub.reconciliation.service;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.reconciliation.domain.Fees;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.TreeSet;

/**
 * Keeps the hub's side of each order current: lifecycle events set its state, holds and tracking (refusals change
 * nothing); ingested snapshots set its channel ids, total and fees (an older snapshot never overwrites a newer one).
 * Either way the order is marked for the next comparison. Runs inside the consumer's inbox transaction.
 *
 * <p>Each event is one statement: the {@code hub_order} upsert (insert … on conflict do update, atomic against the
 * other consumer writing the same new order at the same moment), the channel ids' reference (ingested) and the mark
 * on {@code recon_order}, as data-modifying CTEs of the mark's insert. The hub row (and the reference) are written
 * first, as before: the mark's insert waits on them.
 */
@ApplicationScoped
public class HubOrderProjection {
    /** Marks the order for the next comparison (the main statement; {@code :k} is the global order id). */
    static final String TOUCH = """
            insert into recon_order (order_key, global_order_id, channel, shop, channel_order_id)
            select cast(:k as varchar), cast(:k as varchar), cast(:ch as varchar), cast(:shop as varchar), cast(:cid as varchar)
            where %s
            on conflict (order_key) do update set
                global_order_id = excluded.global_order_id,
                channel = coalesce(recon_order.channel, excluded.channel),
                shop = coalesce(recon_order.shop, excluded.shop),
                channel_order_id = coalesce(recon_order.channel_order_id, excluded.channel_order_id),
                change_seq = recon_order.change_seq + 1, needs_check = true
            """;

    /**
     * A lifecycle event: the state and {@code updated_at} are the event's; channel, payment time, tracking and
     * carrier only when the event names them; {@code shipped_at} set once (on SHIPPED); the holds when the event
     * carries them, the hold reason from a held event, cleared once no hold stands.
     */
    static final String LIFECYCLE = """
            with hub as (
                insert into hub_order as h (global_order_id, channel, state, paid_at, tracking_number, carrier, shipped_at,
                    holds, hold_reason, updated_at)
                values (cast(:k as varchar), cast(:ch as varchar), cast(:state as varchar), cast(:paid as timestamptz),
                    cast(:tn as varchar), cast(:car as varchar), cast(:shipped as timestamptz), cast(:holds as varchar),
                    cast(:reason as text), cast(:at as timestamptz))
                on conflict (global_order_id) do update set
                    channel = coalesce(excluded.channel, h.channel),
                    state = excluded.state,
                    paid_at = coalesce(excluded.paid_at, h.paid_at),
                    tracking_number = coalesce(excluded.tracking_number, h.tracking_number),
                    carrier = coalesce(excluded.carrier, h.carrier),
                    shipped_at = coalesce(h.shipped_at, excluded.shipped_at),
                    holds = case when cast(:setHolds as boolean) then excluded.holds else h.holds end,
                    hold_reason = case
                        when excluded.hold_reason is not null then excluded.hold_reason
                        when (case when cast(:setHolds as boolean) then excluded.holds else h.holds end) is null then null
                        else h.hold_reason end,
                    updated_at = excluded.updated_at
                returning 1
            )
            """ + TOUCH.formatted("(select count(*) from hub) >= 0");

    /**
     * An ingested snapshot: channel ids, fees and the channel's time are the snapshot's, the total and currency when
     * it has a total, unless the stored snapshot is newer ({@code channel_updated_at}), which is then left as it is.
     * A new order's row has no state until its first lifecycle event.
     */
    static final String HUB_INGESTED = """
            hub as (
                insert into hub_order as h (global_order_id, channel, shop, channel_order_id, total, currency, fees,
                    channel_updated_at, updated_at)
                values (cast(:k as varchar), cast(:ch as varchar), cast(:shop as varchar), cast(:cid as varchar),
                    cast(:total as numeric), cast(:cur as varchar), cast(:fees as text), cast(:cua as timestamptz), now())
                on conflict (global_order_id) do update set
                    channel = excluded.channel,
                    shop = excluded.shop,
                    channel_order_id = excluded.channel_order_id,
                    total = case when cast(:hasTotal as boolean) then excluded.total else h.total end,
                    currency = case when cast(:hasTotal as boolean) then excluded.currency else h.currency end,
                    fees = excluded.fees,
                    channel_updated_at = excluded.channel_updated_at
                where h.channel_updated_at is null or excluded.channel_updated_at is null
                    or excluded.channel_updated_at >= h.channel_updated_at
                returning 1
            )
            """;
    /** Channel + shop + channel order id → global id. */
    static final String REF = """
            ref as (
                insert into channel_order_ref (channel, shop, channel_order_id, global_order_id)
                values (cast(:ch as varchar), cast(:shop as varchar), cast(:cid as varchar), cast(:k as varchar))
                on conflict (channel, shop, channel_order_id) do update set global_order_id = excluded.global_order_id
                returning 1
            )
            """;
    static final String INGESTED_WITH_REF = "with " + REF + ", " + HUB_INGESTED
            + TOUCH.formatted("(select count(*) from ref) + (select count(*) from hub) >= 0");
    static final String INGESTED = "with " + HUB_INGESTED + TOUCH.formatted("(select count(*) from hub) >= 0");

    /** A lifecycle event ({@code type} is its {@code ce_type}): one statement. */
    public Uni<Void> apply(String type, OrderLifecycleChanged change) {
        if (change.refused() || change.to() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant at = change.occurredAt() == null ? Instant.now() : change.occurredAt();
        boolean setHolds = change.holds() != null;
        String holds = !setHolds || change.holds().isEmpty() ? null : String.join(",", new TreeSet<>(change.holds()));
        String reason = EventTypes.ORDER_HELD.equals(type) ? change.reason() : null;
        return Panache.getSession().chain(s -> s.createNativeQuery(LIFECYCLE)
                .setParameter("k", change.globalOrderId())
                .setParameter("ch", change.channel())
                .setParameter("state", change.to().name())
                .setParameter("paid", change.paidAt())
                .setParameter("tn", change.trackingNumber())
                .setParameter("car", change.carrier())
                .setParameter("shipped", change.to() == OrderState.SHIPPED ? at : null)
                .setParameter("holds", holds)
                .setParameter("setHolds", setHolds)
                .setParameter("reason", reason)
                .setParameter("at", at)
                .setParameter("shop", null)
                .setParameter("cid", null)
                .executeUpdate()).replaceWithVoid();
    }

    /** An ingested snapshot: channel ids, total and fees as the hub understood them; one statement. */
    public Uni<Void> apply(OrderIngested snapshot) {
        if (snapshot.globalOrderId() == null) {
            return Uni.createFrom().voidItem();
        }
        boolean ref = snapshot.channel() != null && snapshot.shop() != null && snapshot.channelOrderId() != null;
        boolean hasTotal = snapshot.total() != null;
        return Panache.getSession().chain(s -> s.createNativeQuery(ref ? INGESTED_WITH_REF : INGESTED)
                .setParameter("k", snapshot.globalOrderId())
                .setParameter("ch", snapshot.channel())
                .setParameter("shop", snapshot.shop())
                .setParameter("cid", snapshot.channelOrderId())
                .setParameter("total", hasTotal ? snapshot.total().amount() : null)
                .setParameter("cur", hasTotal ? snapshot.total().currency() : null)
                .setParameter("hasTotal", hasTotal)
                .setParameter("fees", Fees.json(snapshot.fees()))
                .setParameter("cua", snapshot.channelUpdatedAt())
                .executeUpdate()).replaceWithVoid();
    }
}
