package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Renders the marketplace simulator's signed pushes <b>without sending or keeping them</b>, for the benchmark's own
 * open-loop HTTP client. It lives in the simulator's package because the channel formats (document shapes,
 * signatures) are package-private there; reusing them keeps the benchmark's webhooks byte-for-byte what the
 * simulator and the system tests send. Unlike {@link MarketplaceSimulator#createOrder} nothing is retained, so
 * a run of a hundred thousand orders does not fill the heap.
 */
public final class BenchWebhooks {

    /** One order line to render: the SKU and how many units. */
    public record LineSpec(String sku, int quantity, long unitPriceMinor) {
    }

    /** A push ready to send: path and query under the hub's base URL, headers and the exact signed bytes. */
    public record SignedPush(String channel, String orderId, int version, String deliveryId, String pathAndQuery,
            Map<String, String> headers, byte[] body) {
    }

    /** A version of a rendered order, kept by the caller so that it can push a newer one, or this one late. */
    public static final class OrderDraft {
        private final SimOrder order;
        private final ChannelFormat format;

        private OrderDraft(SimOrder order, ChannelFormat format) {
            this.order = order;
            this.format = format;
        }

        public String channel() {
            return order.channel;
        }

        public String orderId() {
            return order.orderId;
        }

        public int version() {
            return order.version;
        }
    }

    private final Map<String, ChannelFormat> formats = new LinkedHashMap<>();

    /** Signs with the simulator's secret and app key (those of the stack's shops). */
    public BenchWebhooks(MarketplaceSimulator sim) {
        Objects.requireNonNull(sim, "sim");
        for (ChannelFormat f : List.of(new ShopifyFormat(sim), new TaobaoFormat(sim), new JdFormat(sim), new PddFormat(sim),
                new DouyinFormat(sim), new XhsFormat(sim))) {
            formats.put(f.channel(), f);
        }
    }

    public List<String> channels() {
        return List.copyOf(formats.keySet());
    }

    /** A new paid order (version 1) on {@code channel} with exactly {@code lines}; the address is the channel's demo one. */
    public OrderDraft newPaidOrder(String channel, String shop, long sequence, List<LineSpec> lines) {
        ChannelFormat f = format(channel);
        SimOrder o = new SimOrder(channel, shop, f.newOrderId(sequence));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        o.currency = f.currency();
        o.createdAt = now.minusSeconds(2);
        f.seed(o);
        o.clearLines();
        for (LineSpec l : lines) {
            o.line(l.sku(), "bench item " + l.sku(), l.quantity(), l.unitPriceMinor());
        }
        o.discount(0);
        o.stage(SimOrder.Stage.PAID);
        o.paidAt = now.minusSeconds(1);
        o.updatedAt = now;
        o.version = 1;
        return new OrderDraft(o, f);
    }

    /**
     * The next version of an order: the seller changed the shipping fee (still paid), one second newer, as the
     * platforms' one-second update times require. The returned draft is a copy; {@code previous} stays as it was,
     * so it can still be pushed late.
     */
    public OrderDraft shippingChanged(OrderDraft previous, long extraShippingMinor) {
        SimOrder p = previous.order;
        SimOrder o = new SimOrder(p.channel, p.shop, p.orderId);
        o.currency = p.currency;
        o.createdAt = p.createdAt;
        o.address = p.address;
        o.lines.addAll(p.lines);
        o.shippingMinor = p.shippingMinor + extraShippingMinor;
        o.discountMinor = p.discountMinor;
        o.stage = p.stage;
        o.paidAt = p.paidAt;
        o.updatedAt = p.updatedAt.plusSeconds(1);
        o.version = p.version + 1;
        return new OrderDraft(o, previous.format);
    }

    /** The push of {@code draft} under a fresh delivery id. */
    public SignedPush push(OrderDraft draft) {
        return push(draft, newDeliveryId(draft.order.channel));
    }

    /** The push of {@code draft} under {@code deliveryId} (the same id again is a platform's retry). */
    public SignedPush push(OrderDraft draft, String deliveryId) {
        SimOrder o = draft.order;
        ChannelFormat f = draft.format;
        ObjectNode rendered = f.render(o);
        Snapshot s = new Snapshot(o.channel, o.shop, o.orderId, o.version, o.updatedAt, o.stage, rendered,
                ChannelFormat.compact(f.detail(rendered.deepCopy())));
        ChannelFormat.Push push = f.push(s, deliveryId, f.topic(s.stage(), s.version()));
        String query = push.query().isEmpty() ? "" : "?" + push.query().entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return new SignedPush(o.channel, o.orderId, o.version, deliveryId, "/webhooks/" + o.channel + "/" + enc(o.shop) + query,
                push.headers(), push.body());
    }

    private static String newDeliveryId(String channel) {
        // numeric where the platform's message ids are numeric, as the simulator does
        long n = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000L);
        return switch (channel) {
            case "taobao" -> String.valueOf(2_412_000_000_000_000_000L + n);
            case "pdd" -> String.valueOf(71_000_000_000_000L + n);
            case "douyin" -> "7438290" + String.format("%012d", n) + ":" + n;
            default -> UUID.randomUUID().toString();
        };
    }

    private ChannelFormat format(String channel) {
        ChannelFormat f = formats.get(channel);
        if (f == null) {
            throw new IllegalArgumentException("unknown channel '" + channel + "'; known: " + formats.keySet());
        }
        return f;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
