package io.orderhub.reconciliation.client;

import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One channel's order API, as the reconciliation reads it: orders changed in a time window, a page at a time,
 * already mapped to the hub's vocabulary. Implementations are beans; {@link #enabled()} ones are pulled on every run.
 */
public interface ChannelSource {
    /** The channel name as the hub spells it ({@code shopify}, {@code taobao}, …). */
    String channel();

    boolean enabled();

    /** The shops of this channel that are pulled. */
    Set<String> shops();

    /**
     * The orders of {@code shop} updated within [from, to], one page; {@code cursor} is null for the first page and
     * {@link PlatformPage#nextCursor()} afterwards. Never fails: an unreachable platform answers
     * {@link PlatformPage#unavailable(String)}.
     */
    Uni<PlatformPage> page(String shop, Instant from, Instant to, String cursor);

    /** One platform order in the hub's vocabulary. */
    record PlatformOrder(String channel, String shop, String channelOrderId, OrderState state, String status,
            Set<String> conditions, Instant paidAt, Money total, Map<String, Money> fees, String carrier,
            String trackingNumber, Instant updatedAt) {
    }

    record PlatformPage(List<PlatformOrder> orders, String nextCursor, String unavailable) {
        public static PlatformPage unavailable(String reason) {
            return new PlatformPage(List.of(), null, reason);
        }
    }
}
