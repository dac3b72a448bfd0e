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

    /** How many orders must show a field before a mapping is suggested for it. */
    @WithDefault("3")
    int suggestionMinSamples();

    /** How many stuck deliveries one sweep processes at most. */
    @WithDefault("100")
    int sweepBatch();

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
    }

    interface Shop {
        String channel();

        String shop();

        String secret();

        Optional<String> appKey();
    }
}
