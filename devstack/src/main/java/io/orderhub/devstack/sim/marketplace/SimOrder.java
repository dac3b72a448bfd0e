package io.orderhub.devstack.sim.marketplace;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One order as the simulated platform keeps it, in neutral terms; each channel's {@link ChannelFormat} renders
 * it in that platform's own document shape (field names, units, time formats, status codes). Amounts are in
 * minor units (fen, cents). Mutated only through {@link MarketplaceSimulator}, which snapshots every version.
 */
public final class SimOrder {

    /** Where the order is on the platform; rendered as each platform's own status values. */
    public enum Stage { PENDING_PAYMENT, PAID, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, CLOSED }

    public record Line(String lineId, String sku, String title, int quantity, long unitPriceMinor) {
        public long amountMinor() {
            return unitPriceMinor * quantity;
        }
    }

    public record Address(String name, String phone, String country, String province, String city, String district,
            String detail, String zip) {
    }

    final String channel;
    final String shop;
    final String orderId;
    Stage stage;
    /** A channel-native status value written instead of the one {@link #stage} renders to (e.g. JD "LOCKED", Douyin "105"). */
    String statusOverride;
    final List<Line> lines = new ArrayList<>();
    long shippingMinor;
    long discountMinor;
    String currency;
    Address address;
    Instant createdAt;
    Instant paidAt;
    Instant updatedAt;
    Instant shippedAt;
    String carrier;
    String trackingNumber;
    /** Extra top-level fields of the order object (e.g. a new commission field the hub's mapping does not know yet). */
    final Map<String, Object> extra = new LinkedHashMap<>();
    int version;

    SimOrder(String channel, String shop, String orderId) {
        this.channel = channel;
        this.shop = shop;
        this.orderId = orderId;
    }

    public String channel() {
        return channel;
    }

    public String shop() {
        return shop;
    }

    public String orderId() {
        return orderId;
    }

    public Stage stage() {
        return stage;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public String currency() {
        return currency;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String carrier() {
        return carrier;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public int version() {
        return version;
    }

    public long goodsMinor() {
        return lines.stream().mapToLong(Line::amountMinor).sum();
    }

    /** What the buyer pays: goods + shipping − discounts. */
    public long totalMinor() {
        return goodsMinor() + shippingMinor - discountMinor;
    }

    // ---- the changes a test or a person makes (through MarketplaceSimulator.update)

    public SimOrder stage(Stage stage) {
        this.stage = stage;
        this.statusOverride = null;
        if (stage != Stage.PENDING_PAYMENT && stage != Stage.CLOSED && paidAt == null) {
            paidAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        return this;
    }

    public SimOrder status(String channelNativeStatus) {
        this.statusOverride = channelNativeStatus;
        return this;
    }

    public SimOrder shipped(String carrier, String trackingNumber) {
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
        this.shippedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return stage(Stage.SHIPPED);
    }

    public SimOrder line(String sku, String title, int quantity, long unitPriceMinor) {
        lines.add(new Line(String.valueOf(lines.size() + 1), sku, title, quantity, unitPriceMinor));
        return this;
    }

    public SimOrder clearLines() {
        lines.clear();
        return this;
    }

    public SimOrder shipping(long minor) {
        this.shippingMinor = minor;
        return this;
    }

    public SimOrder discount(long minor) {
        this.discountMinor = minor;
        return this;
    }

    public SimOrder address(Address address) {
        this.address = address;
        return this;
    }

    /** Adds (or replaces) a top-level field of the rendered order object. */
    public SimOrder extra(String field, Object value) {
        extra.put(field, value);
        return this;
    }

    @Override
    public String toString() {
        return channel + ":" + shop + ":" + orderId + " v" + version + " " + (statusOverride != null ? statusOverride : stage);
    }
}
