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

    /**
     * The identity step of the one-transaction ingest: the channel order gets its global id (a new one if it had none)
     * and, when {@code channelUpdatedAt} is newer than the newest published, records it as the newest — one statement
     * ({@code insert … on conflict do update … where newer … returning}). An update that is not newer costs one read
     * more, of the row that statement locked. Call within a transaction. Fails (the caller falls back to
     * {@link #assign}) in the astronomically rare case the drawn id belongs to another order.
     */
    public Uni<Claim> claim(String channel, String shop, String channelOrderId, java.time.Instant channelUpdatedAt,
            java.util.UUID rawPayloadId) {
        return orders.claimNewest(channel, shop, channelOrderId, ids.next(), channelUpdatedAt, rawPayloadId)
                .chain(globalId -> globalId != null
                        ? Uni.createFrom().item(new Claim(globalId, true, null))
                        : orders.get(channel, shop, channelOrderId).map(order -> new Claim(order.globalOrderId, false, order.channelUpdatedAt)));
    }

    /** {@code newest}: the update is the newest and recorded as such (publish it); else {@code published} is the newest one. */
    public record Claim(String globalOrderId, boolean newest, java.time.Instant published) {
    }
}
