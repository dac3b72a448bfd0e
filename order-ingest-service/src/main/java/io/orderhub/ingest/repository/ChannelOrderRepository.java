package io.orderhub.ingest.repository;

import io.orderhub.ingest.domain.ChannelOrder;
import io.orderhub.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;

@ApplicationScoped
public class ChannelOrderRepository implements PanacheRepositoryBase<ChannelOrder, ChannelOrder.Key> {

    /**
     * Proposes {@code globalOrderId} for the channel order; does nothing if the channel order already has
     * one (or, astronomically rarely, if the proposed id is taken). Concurrent proposals for the same
     * channel order wait on the primary key and only the first wins.
     */
    public Uni<Integer> propose(String channel, String shop, String channelOrderId, String globalOrderId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into channel_order (channel, shop, channel_order_id, global_order_id, created_at, updated_at) "
                                + "values (:channel, :shop, :orderId, :globalId, now(), now()) on conflict do nothing")
                .setParameter("channel", channel)
                .setParameter("shop", shop)
                .setParameter("orderId", channelOrderId)
                .setParameter("globalId", globalOrderId)
                .executeUpdate());
    }

    /**
     * Gives the channel order {@code globalOrderId} if it has none yet and, if {@code channelUpdatedAt} is newer than
     * the newest published (or none was), records it as the newest; one statement. Returns the order's global id when
     * the update is the newest (publish it), null when it is not (the row is then locked, unchanged: read it with
     * {@link #get}). Fails with a unique violation, rolling back the caller's transaction, in the astronomically rare
     * case the proposed global id belongs to another order ({@link #propose} draws again instead).
     */
    public Uni<String> claimNewest(String channel, String shop, String channelOrderId, String globalOrderId,
            java.time.Instant channelUpdatedAt, java.util.UUID rawPayloadId) {
        // on the session's connection, not a native query: a native select misses Hibernate's plan cache on every call
        return Sql.value("insert into channel_order (channel, shop, channel_order_id, global_order_id, channel_updated_at, "
                        + "last_raw_payload_id, created_at, updated_at) "
                        + "values ($1, $2, $3, $4, $5, $6, now(), now()) "
                        + "on conflict (channel, shop, channel_order_id) do update set "
                        + "channel_updated_at = excluded.channel_updated_at, last_raw_payload_id = excluded.last_raw_payload_id, "
                        + "updated_at = now() "
                        + "where channel_order.channel_updated_at is null or channel_order.channel_updated_at < excluded.channel_updated_at "
                        + "returning global_order_id", channel, shop, channelOrderId, globalOrderId, channelUpdatedAt, rawPayloadId)
                .map(id -> (String) id);
    }

    /** The channel order, locked until the end of the transaction (serialises updates of one order). */
    public Uni<ChannelOrder> lock(String channel, String shop, String channelOrderId) {
        return findById(new ChannelOrder.Key(channel, shop, channelOrderId), LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<ChannelOrder> get(String channel, String shop, String channelOrderId) {
        return findById(new ChannelOrder.Key(channel, shop, channelOrderId));
    }

    public Uni<List<ChannelOrder>> byGlobalId(String globalOrderId) {
        return find("globalOrderId", Sort.by("channel").and("shop").and("channelOrderId"), globalOrderId).list();
    }
}
