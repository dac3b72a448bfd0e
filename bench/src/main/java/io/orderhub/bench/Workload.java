package io.orderhub.bench;

import io.orderhub.devstack.sim.marketplace.BenchWebhooks;
import io.orderhub.devstack.sim.marketplace.BenchWebhooks.LineSpec;
import io.orderhub.devstack.sim.marketplace.BenchWebhooks.OrderDraft;
import io.orderhub.devstack.sim.marketplace.BenchWebhooks.SignedPush;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the marketplaces push during the run, one arrival at a time: mostly new paid orders from all six channels
 * (1–5 lines, SKUs drawn with a Zipf skew, 1–3 units each), mixed with a platform's retries (the same delivery
 * again), seller changes (a newer version of a recent order) and late deliveries (an older version after a newer
 * one, which the hub must not let overwrite it). Single-threaded: the open loop's dispatcher calls it.
 */
public final class Workload {

    /** The kind of each arrival, for the report's counts. */
    public enum Kind { NEW_ORDER, DUPLICATE, UPDATE, LATE }

    /** One arrival: the push and what it is. */
    public record Arrival(Kind kind, SignedPush push) {
    }

    /** Shares of the arrivals, in percent; the rest are new orders. */
    public record Mix(int duplicatePercent, int updatePercent, int latePercent) {
        public static final Mix DEFAULT = new Mix(3, 3, 2);
    }

    public static final String SHOP = "demo";
    private static final int RECENT = 2048;

    private final BenchWebhooks webhooks;
    private final List<String> channels;
    private final List<String> skus;
    private final Zipf skuRank;
    private final Mix mix;
    private final Random random;
    private final Recent[] recent = new Recent[RECENT];
    private long sequence;
    private long created;

    /** A recent order: its versions so far and the last push (for a retry of exactly that delivery). */
    private static final class Recent {
        final List<OrderDraft> versions = new ArrayList<>();
        SignedPush lastPush;
    }

    public Workload(BenchWebhooks webhooks, List<String> skus, Mix mix, long seed, long firstSequence) {
        this.webhooks = webhooks;
        this.channels = webhooks.channels();
        this.skus = List.copyOf(skus);
        this.skuRank = new Zipf(skus.size(), 1.1);
        this.mix = mix;
        this.random = new Random(seed);
        this.sequence = firstSequence;
    }

    public Arrival next() {
        int roll = random.nextInt(100);
        if (created >= 16) {
            if (roll < mix.duplicatePercent()) {
                Recent r = pick();
                return new Arrival(Kind.DUPLICATE, r.lastPush);
            }
            roll -= mix.duplicatePercent();
            if (roll < mix.updatePercent()) {
                Recent r = pick();
                OrderDraft newer = webhooks.shippingChanged(r.versions.get(r.versions.size() - 1), 100);
                r.versions.add(newer);
                r.lastPush = webhooks.push(newer);
                return new Arrival(Kind.UPDATE, r.lastPush);
            }
            roll -= mix.updatePercent();
            if (roll < mix.latePercent()) {
                Recent r = pick();
                if (r.versions.size() == 1) {
                    // make it a newer version first, then deliver the first one late
                    OrderDraft newer = webhooks.shippingChanged(r.versions.get(0), 100);
                    r.versions.add(newer);
                    r.lastPush = webhooks.push(newer);
                    return new Arrival(Kind.UPDATE, r.lastPush);
                }
                return new Arrival(Kind.LATE, webhooks.push(r.versions.get(0)));
            }
        }
        return newOrder();
    }

    private Arrival newOrder() {
        String channel = channels.get((int) (created % channels.size()));
        OrderDraft draft = webhooks.newPaidOrder(channel, SHOP, sequence++, lines());
        Recent r = new Recent();
        r.versions.add(draft);
        r.lastPush = webhooks.push(draft);
        recent[(int) (created % RECENT)] = r;
        created++;
        return new Arrival(Kind.NEW_ORDER, r.lastPush);
    }

    /** 1–5 lines (mostly one or two, as in real baskets), distinct SKUs, 1–3 units each. */
    List<LineSpec> lines() {
        int count = lineCount(random.nextInt(100));
        List<LineSpec> lines = new ArrayList<>(count);
        List<String> used = new ArrayList<>(count);
        while (lines.size() < count) {
            String sku = skus.get(skuRank.next(random) - 1);
            if (used.contains(sku)) {
                continue;
            }
            used.add(sku);
            lines.add(new LineSpec(sku, 1 + random.nextInt(3), 990 + 100L * random.nextInt(90)));
        }
        return lines;
    }

    /** 45 % one line, 30 % two, 13 % three, 7 % four, 5 % five. */
    static int lineCount(int percentile) {
        if (percentile < 45) {
            return 1;
        }
        if (percentile < 75) {
            return 2;
        }
        if (percentile < 88) {
            return 3;
        }
        if (percentile < 95) {
            return 4;
        }
        return 5;
    }

    private Recent pick() {
        int window = (int) Math.min(created, RECENT);
        return recent[(int) ((created - 1 - random.nextInt(window)) % RECENT)];
    }
}
