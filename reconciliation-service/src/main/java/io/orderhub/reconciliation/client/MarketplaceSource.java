package io.orderhub.reconciliation.client;

import io.orderhub.reconciliation.config.ReconConfig;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Chinese marketplace's "orders changed in a window" API as a platform source. The platforms answer only short
 * windows (Taobao and Douyin a day, Pinduoduo and Xiaohongshu 30 minutes), so [from, to] is walked window by window,
 * page by page; the cursor says where: {@code <window start, Unix seconds>/<page>}. Windows share their boundary
 * second (the APIs include both ends; reading an order twice is harmless).
 */
public abstract class MarketplaceSource implements ChannelSource {
    @Inject
    MarketplaceClient client;
    @Inject
    ReconConfig config;

    /** One list page, read: the orders in the hub's vocabulary and whether the window has more pages; or why not. */
    record ListPage(List<PlatformOrder> orders, boolean hasNext, String unavailable) {
        ListPage(List<PlatformOrder> orders, boolean hasNext) {
            this(orders, hasNext, null);
        }

        static ListPage unavailable(String reason) {
            return new ListPage(List.of(), false, reason);
        }
    }

    /** The longest update-time window the platform answers in one query. */
    abstract Duration maxWindow();

    /** The first page's number (Douyin counts from 0, the others from 1). */
    int firstPage() {
        return 1;
    }

    /** Page {@code pageNo} of the orders of {@code shop} updated within [from, to], read. */
    abstract Uni<ListPage> list(String shop, ReconConfig.Marketplaces.Shop keys, Instant from, Instant to,
            int pageNo);

    int pageSize() {
        return Math.max(1, Math.min(100, config.marketplaces().pageSize()));
    }

    @Override
    public boolean enabled() {
        ReconConfig.Marketplaces.Channel c = config.marketplaces().channels().get(channel());
        return (c == null || c.enabled()) && !shops().isEmpty();
    }

    @Override
    public Set<String> shops() {
        Set<String> shops = new TreeSet<>();
        ReconConfig.Marketplaces.Channel c = config.marketplaces().channels().get(channel());
        if (c != null) {
            shops.addAll(c.shops().keySet());
        }
        if (config.marketplaces().demoShop().enabled()) {
            shops.add("demo");
        }
        return shops;
    }

    /** The shop's credentials: its own entry, or the demo shop's. */
    ReconConfig.Marketplaces.Shop keys(String shop) {
        ReconConfig.Marketplaces.Channel c = config.marketplaces().channels().get(channel());
        Map<String, ReconConfig.Marketplaces.Shop> configured = c == null ? Map.of() : c.shops();
        if (configured.containsKey(shop)) {
            return configured.get(shop);
        }
        if ("demo".equals(shop) && config.marketplaces().demoShop().enabled()) {
            ReconConfig.Marketplaces.DemoShop d = config.marketplaces().demoShop();
            return new DemoKeys(d.baseUrl(), d.appKey(), d.secret(), d.accessToken());
        }
        return null;
    }

    private record DemoKeys(String baseUrl, String appKey, String secret, String accessToken) implements ReconConfig.Marketplaces.Shop {
    }

    @Override
    public Uni<PlatformPage> page(String shop, Instant from, Instant to, String cursor) {
        ReconConfig.Marketplaces.Shop keys = keys(shop);
        if (keys == null) {
            return Uni.createFrom().item(PlatformPage.unavailable("no " + channel() + " shop '" + shop
                    + "' is configured (orderhub.reconciliation.marketplaces.channels." + channel() + ".shops." + shop + ".*)"));
        }
        Instant windowStart = from;
        int pageNo = firstPage();
        if (cursor != null) {
            String[] parts = cursor.split("/");
            windowStart = Instant.ofEpochSecond(Long.parseLong(parts[0]));
            pageNo = Integer.parseInt(parts[1]);
        }
        Instant start = windowStart;
        Instant end = min(start.plus(maxWindow()), to);
        int at = pageNo;
        return list(shop, keys, start, end, at).map(answer -> {
            if (answer.unavailable() != null) {
                return PlatformPage.unavailable(answer.unavailable());
            }
            String next = null;
            if (answer.hasNext()) {
                next = start.getEpochSecond() + "/" + (at + 1);
            } else if (end.isBefore(to)) {
                next = end.getEpochSecond() + "/" + firstPage();
            }
            return new PlatformPage(answer.orders(), next, null);
        });
    }

    /** The list page of a checked answer, or why there is none. */
    static ListPage read(MarketplaceClient.Answer answer, java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, ListPage> page) {
        return answer.unavailable() != null ? ListPage.unavailable(answer.unavailable()) : page.apply(answer.json());
    }

    static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
