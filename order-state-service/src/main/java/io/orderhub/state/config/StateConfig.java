package io.orderhub.state.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code orderhub.state.*}: the rules of order-state-service that operations may tune. */
@ConfigMapping(prefix = "orderhub.state")
public interface StateConfig {

    Health health();

    Risk risk();

    Intercept intercept();

    /** Calls to the outside world after an order change: shipments written back to the channel, intercepts at the WMS. */
    Outbound outbound();

    interface Health {
        /** Below this score (0–100) a paid, not yet shipped order is held {@code HEALTH_RED}. */
        @WithDefault("50")
        int redBelow();

        /** Price check: the order total must be at least this share of the lines' value. */
        @WithDefault("0.5")
        BigDecimal minPriceRatio();

        /** Price check: and at most this multiple of it (taxes and shipping included). */
        @WithDefault("2")
        BigDecimal maxPriceRatio();
    }

    /** Brushing rule: the same phone, more than {@code maxOrders} orders within {@code window}, more than {@code maxProvinces} provinces. */
    interface Risk {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("5")
        int maxOrders();

        @WithDefault("3")
        int maxProvinces();

        @WithDefault("PT24H")
        Duration window();
    }

    interface Outbound {
        /** Send the recorded calls (off: they wait as PENDING). */
        @WithDefault("true")
        boolean enabled();

        /** How often the worker looks for calls a kick missed (read by its {@code @Scheduled}). */
        @WithDefault("10s")
        String poll();

        /** Calls per worker run. */
        @WithDefault("20")
        int batch();

        /**
         * The channels' API base URLs; locally the marketplace simulator on 8090 ({@code {shop}} is replaced by the
         * shop): shopify {@code https://{shop}.myshopify.com}, taobao {@code https://eco.taobao.com}, jd
         * {@code https://api.jd.com}, pdd {@code https://gw-api.pinduoduo.com}, douyin
         * {@code https://openapi-fxg.jinritemai.com}, xhs {@code https://ark.xiaohongshu.com}; app: the base URL a
         * retailer's own app serves the hub's API under (e.g. {@code https://{shop}.example.cn}).
         */
        java.util.Map<String, String> urls();

        /** The demo shop on every channel (the local stack's {@code demo}); disable on a cluster. */
        DemoShop demoShop();

        /** Real shops' API credentials: {@code orderhub.state.outbound.shops.<name>.channel/shop/app-key/secret/access-token}. */
        java.util.Map<String, Shop> shops();
    }

    interface DemoShop {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("demo")
        String name();

        @WithDefault("demo-app")
        String appKey();

        @WithDefault("demo-secret")
        String secret();

        @WithDefault("demo-token")
        String accessToken();
    }

    interface Shop {
        String channel();

        String shop();

        String appKey();

        String secret();

        String accessToken();
    }

    interface Intercept {
        /** Carriers (case-insensitive) that cannot intercept a parcel once it has shipped. Default: none. */
        Optional<Set<String>> unsupportedCarriers();
    }
}
