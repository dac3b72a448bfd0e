package io.orderhub.ingest.service;

import io.orderhub.ingest.domain.ChannelOrder;
import io.orderhub.ingest.domain.GlobalOrderIds;
import io.orderhub.ingest.repository.ChannelOrderRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One global id per channel order, assigned once. {@code insert … on conflict do nothing} then a locking
 * select: concurrent deliveries of the same order (three identical webhooks, webhook + pull) wait on the
 * primary key and all read the id of the first. Call within a transaction; the row stays locked until it ends.
 */
@ApplicationScoped
public class IdentityService {
    static final int MAX_DRAWS = 5;

    @Inject
    ChannelOrderRepository orders;

    private final GlobalOrderIds ids = new GlobalOrderIds();

    public Uni<ChannelOrder> assign(String channel, String shop, String channelOrderId) {
        return attempt(channel, shop, channelOrderId, 1);
    }

    private Uni<ChannelOrder> attempt(String channel, String shop, String channelOrderId, int draw) {
        return orders.propose(channel, shop, channelOrderId, ids.next())
                .chain(() -> orders.lock(channel, shop, channelOrderId))
                .chain(order -> {
                    if (order != null) {
                        return Uni.createFrom().item(order);
                    }
                    // the drawn id belonged to another order (1 in 2^40 per year): draw again
                    if (draw >= MAX_DRAWS) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "no free global order id after " + MAX_DRAWS + " draws for " + channel + ":" + shop + ":" + channelOrderId));
                    }
                    return attempt(channel, shop, channelOrderId, draw + 1);
                });
    }
}
