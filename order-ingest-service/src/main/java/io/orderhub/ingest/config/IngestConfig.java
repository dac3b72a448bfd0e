package io.orderhub.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code orderhub.ingest.*}: shops and their signing secrets, and the recovery sweep. */
@ConfigMapping(prefix = "orderhub.ingest")
public interface IngestConfig {

    /** The local/demo shop registered on every channel. Disable it on a real cluster. */
    DemoShop demoShop();

    /**
     * Further shops, by a name of your choice:
     * {@code orderhub.ingest.shops.acme-shopify.channel=shopify}, {@code .shop=acme},
     * {@code .secret=${ACME_SHOPIFY_SECRET}}, optional {@code .app-key}. Upserted at startup.
     */
    Map<String, Shop> shops();

    /**
     * For channels that sign a timestamp (Taobao, JD, Pinduoduo): a request signed further than this from
     * now is refused, so a captured request cannot be replayed later. {@code PT0S} turns the check off.
     */
    @WithDefault("PT15M")
    Duration timestampWindow();

    /** A delivery stored but still RECEIVED after this long (crash, DB hiccup) is processed again by the sweep. */
    @WithDefault("PT1M")
    Duration reprocessAfter();

    /** How often the sweep job looks for stuck deliveries (read by its {@code @Scheduled}). */
    @WithDefault("60s")
    String sweepInterval();

    /** How often unknown-field counts are written to the database (read by the flush job's {@code @Scheduled}). */
    @WithDefault("30s")
    String unknownFieldsFlush();

    /**
     * How long a channel's cached mapping is used before its stored version is read again. An edit through this
     * replica's API takes effect at once; another replica's edit within this interval.
     */
    @WithDefault("PT2S")
    Duration mappingRecheck();

    /** How many orders must show a field before a mapping is suggested for it. */
    @WithDefault("3")
    int suggestionMinSamples();

    /** How many stuck deliveries one sweep processes at most. */
    @WithDefault("100")
    int sweepBatch();

    /**
     * The largest webhook body accepted ({@code 413} above it; a signed body is still kept in the quarantine).
     * Platform order documents are a few KB; the HTTP server itself refuses anything above
     * {@code quarkus.http.limits.max-body-size}.
     */
    @WithDefault("1M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

    /** The scheduled pull: the safety net that catches what webhooks missed. */
    Pull pull();

    interface Pull {
        /** Pull every shop that has an access token. */
        @WithDefault("true")
        boolean enabled();

        /** How often (read by the pull job's {@code @Scheduled}); seconds in tests and demos. */
        @WithDefault("5m")
        String interval();

        /** Each window starts this long before the watermark, so a change indexed late by the platform is not missed. */
        @WithDefault("PT2M")
        java.time.Duration overlap();

        /** The first pull of a shop looks back this far. */
        @WithDefault("PT1H")
        java.time.Duration initialLookback();

        /** Orders per page asked from the platform (each platform caps it, at most 100 on the Chinese ones). */
        @WithDefault("50")
        int pageSize();

        /** How long a replica holds a shop's pull before another may take it over (a crashed run). */
        @WithDefault("PT10M")
        java.time.Duration lease();

        /**
         * The platforms' API base URLs. Locally all six are the marketplace simulator on 8090; on a cluster:
         * shopify {@code https://{shop}.myshopify.com}, taobao {@code https://eco.taobao.com}, jd
         * {@code https://api.jd.com}, pdd {@code https://gw-api.pinduoduo.com}, douyin
         * {@code https://openapi-fxg.jinritemai.com}, xhs {@code https://ark.xiaohongshu.com}. {@code {shop}} is
         * replaced by the shop name.
         */
        Map<String, String> urls();
    }

    interface DemoShop {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("demo")
        String name();

        /** {@code ORDERHUB_DEMO_SECRET} overrides it. */
        @WithDefault("demo-secret")
        String secret();

        @WithDefault("demo-app")
        String appKey();

        /** The API access token the pull uses ({@code ORDERHUB_DEMO_ACCESS_TOKEN} overrides it). */
        @WithDefault("demo-token")
        String accessToken();
    }

    interface Shop {
        String channel();

        String shop();

        String secret();

        Optional<String> appKey();

        /** The API access token for the pull; without one the shop is not pulled. */
        Optional<String> accessToken();
    }
}
