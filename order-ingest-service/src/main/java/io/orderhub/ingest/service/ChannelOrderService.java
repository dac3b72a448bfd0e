package io.orderhub.ingest.service;

import io.orderhub.ingest.domain.ChannelOrder;
import io.orderhub.ingest.repository.ChannelOrderRepository;
import io.orderhub.ingest.rest.ChannelOrderView;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Channel id → global id, and global id → every channel id. */
@ApplicationScoped
public class ChannelOrderService {
    @Inject
    ChannelOrderRepository orders;

    @WithSession
    public Uni<ChannelOrderView> byChannelId(String channel, String shop, String channelOrderId) {
        return orders.get(channel, shop, channelOrderId).chain(order -> {
            if (order == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no order " + channelOrderId + " of shop " + shop
                        + " on " + channel + " has been ingested; check the channel, shop and channel order id"));
            }
            return orders.byGlobalId(order.globalOrderId).map(all -> view(order.globalOrderId, all));
        });
    }

    @WithSession
    public Uni<ChannelOrderView> byGlobalId(String globalOrderId) {
        return orders.byGlobalId(globalOrderId).map(all -> {
            if (all.isEmpty()) {
                throw ProblemException.notFound("no order has the global id " + globalOrderId);
            }
            return view(globalOrderId, all);
        });
    }

    private static ChannelOrderView view(String globalOrderId, List<ChannelOrder> all) {
        return new ChannelOrderView(globalOrderId, all.stream().map(ChannelOrder::channelId).toList(),
                all.stream().map(o -> o.channelUpdatedAt).filter(java.util.Objects::nonNull).max(java.time.Instant::compareTo).orElse(null));
    }
}
