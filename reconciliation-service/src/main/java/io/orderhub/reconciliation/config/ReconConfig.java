package io.orderhub.reconciliation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Reconciliation settings ({@code orderhub.reconciliation.*}); the defaults are those of DESIGN.md "Reconciliation".
 * The schedule itself is {@code orderhub.reconciliation.every} (Quarkus scheduler syntax, default {@code 5m}).
 */
@ConfigMapping(prefix = "orderhub.reconciliation")
public interface ReconConfig {
    /** How often a scheduled run starts, e.g. {@code 5m}, {@code 30s} (read by the scheduler). */
    @WithDefault("5m")
    String every();

    /** How long after start-up the first scheduled run starts (read by the scheduler). */
    @WithDefault("30s")
    String firstRunAfter();

    /** A source pulled for the first time is read this far back. */
    @WithDefault("PT72H")
    Duration lookback();

    /** Each incremental pull starts this much before the previous one ended (clock skew, late writes). */
    @WithDefault("PT2M")
    Duration overlap();

    /** Orders compared per page (bounded memory: never more than this many in memory at once). */
    @WithDefault("500")
    int pageSize();

    /** Platform payment time vs ERP audit time further apart than this is a discrepancy. */
    @WithDefault("PT30M")
    Duration auditGap();

    /** An order paid less than this long ago that is missing somewhere is classified as sync lag. */
    @WithDefault("PT30M")
    Duration syncLag();

    /** Status and tracking are compared only once no source has changed for this long. */
    @WithDefault("PT5M")
    Duration settleTime();

    /** The hub may say SHIPPED this long before the carrier's first pickup scan counts as missing. */
    @WithDefault("PT4H")
    Duration pickupGrace();

    /**
     * Lifecycle events start a run after at most this long (every event meanwhile shares that run). Each run reads its
     * sources again from the last watermark minus {@link #overlap()}, so under steady traffic a short debounce reads
     * every order overlap/debounce times (the benchmark saw runs every 10 s re-read 2 minutes of orders from eight
     * sources, on the cores the order flow needed).
     */
    @WithDefault("PT1M")
    Duration eventDebounce();

    Deviation deviation();

    Erp erp();

    Carrier carrier();

    Shopify shopify();

    Marketplaces marketplaces();

    interface Deviation {
        /** A channel+hour deviation rate above this publishes an event (0.03 = 3 %). */
        @WithDefault("0.03")
        BigDecimal threshold();

        /** Fewer decided orders than this in a channel+hour publish no event (the gauge still shows the rate). */
        @WithDefault("20")
        int minOrders();
    }

    /** The ERP's open API (base URL: {@code quarkus.rest-client.erp.url}). */
    interface Erp {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("demo")
        String sid();

        @WithDefault("demo-erp-app")
        String appKey();

        /** The app secret that signs every request; set ORDERHUB_RECONCILIATION_ERP_SECRET. */
        @WithDefault("demo-erp-secret")
        String secret();

        /** Rows per {@code trade_query} page (the ERP accepts at most 100). */
        @WithDefault("100")
        int pageSize();
    }

    /** The carrier's route query (base URL: {@code quarkus.rest-client.carrier.url}). */
    interface Carrier {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("DEMO_SF")
        String partnerId();

        /** The check word that signs every request; set ORDERHUB_RECONCILIATION_CARRIER_CHECK_WORD. */
        @WithDefault("demo-check-word")
        String checkWord();

        /** Waybill numbers per route query (SF accepts at most 10). */
        @WithDefault("10")
        int batchSize();

        /** Route queries in flight at once. */
        @WithDefault("4")
        int concurrency();

        /** A waybill not yet signed for is asked again after this long. */
        @WithDefault("PT30M")
        Duration refresh();
    }

    /** Shopify Admin REST API, one entry per shop. */
    interface Shopify {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("2026-10")
        String apiVersion();

        /** Orders per page (Shopify allows up to 250). */
        @WithDefault("250")
        int pageSize();

        /**
         * Whether the local stack's shop {@code demo} (the marketplace simulator) is pulled; the cluster sets
         * ORDERHUB_RECONCILIATION_SHOPIFY_DEMO_SHOP_ENABLED=false, as it does for order-ingest-service's demo shop.
         */
        @WithDefault("true")
        boolean demoShopEnabled();

        /** {@code shops.<name>.base-url} (e.g. https://demo.myshopify.com) and {@code shops.<name>.access-token}. */
        Map<String, Shop> shops();

        interface Shop {
            String baseUrl();

            String accessToken();
        }
    }

    /**
     * The Chinese marketplaces' open APIs (taobao, jd, pdd, douyin, xhs): {@code channels.<channel>.shops.<shop>.*}
     * per real shop, and the local stack's {@code demo} shop (the marketplace simulator) on every one of them.
     */
    interface Marketplaces {
        /** Orders per list page (the platforms accept at most 100). */
        @WithDefault("100")
        int pageSize();

        /** Order details fetched at once where the list has summaries only (Xiaohongshu). */
        @WithDefault("4")
        int detailConcurrency();

        DemoShop demoShop();

        /** {@code channels.<channel>.enabled} and {@code channels.<channel>.shops.<shop>.base-url|app-key|secret|access-token}. */
        Map<String, Channel> channels();

        /** Shop {@code demo} of the marketplace simulator, on every marketplace channel. */
        interface DemoShop {
            /** The cluster sets ORDERHUB_RECONCILIATION_SHOPIFY_DEMO_SHOP_ENABLED=false, which turns this off as well. */
            @WithDefault("true")
            boolean enabled();

            @WithDefault("http://localhost:8090")
            String baseUrl();

            @WithDefault("demo-app")
            String appKey();

            @WithDefault("demo-secret")
            String secret();

            @WithDefault("demo-token")
            String accessToken();
        }

        interface Channel {
            @WithDefault("true")
            boolean enabled();

            Map<String, Shop> shops();
        }

        /** One shop's credentials: where its platform gateway is, the app key and secret that sign, the shop's token. */
        interface Shop {
            String baseUrl();

            String appKey();

            String secret();

            String accessToken();
        }
    }
}
