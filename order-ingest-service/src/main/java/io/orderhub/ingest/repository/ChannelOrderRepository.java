package io.orderhub.ingest.repository;

import io.orderhub.ingest.domain.ChannelOrder;
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
