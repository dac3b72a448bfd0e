package io.orderhub.state;

import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.orderhub.devstack.sim.wms.WmsSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The devstack's marketplace and WMS simulators for the service under test, one of each per test JVM on free ports:
 * the write-back goes to the marketplaces (and the simulated retailer's app), the intercepts to the WMS.
 */
public class OutsideWorldResource implements QuarkusTestResourceLifecycleManager {
    private static MarketplaceSimulator marketplaces;
    private static WmsSimulator wms;
    /** An app shop the hub signs for with the wrong secret. */
    static final String FORGED_SHOP = "forged";

    @Override
    public Map<String, String> start() {
        synchronized (OutsideWorldResource.class) {
            if (marketplaces == null) {
                marketplaces = MarketplaceSimulator.start(0, "demo-secret");
                wms = WmsSimulator.start(0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    marketplaces.close();
                    wms.close();
                }));
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put("orderhub.state.outbound.urls.shopify", marketplaces.url() + "/shopify/{shop}");
        for (String channel : new String[]{"taobao", "jd", "pdd", "douyin", "xhs"}) {
            config.put("orderhub.state.outbound.urls." + channel, marketplaces.url());
        }
        config.put("orderhub.state.outbound.urls.app", marketplaces.url() + "/app/{shop}");
        // an app shop whose secret the hub has wrong: its write-backs fail the app's signature check
        config.put("orderhub.state.outbound.shops.forged.channel", MarketplaceSimulator.APP);
        config.put("orderhub.state.outbound.shops.forged.shop", FORGED_SHOP);
        config.put("orderhub.state.outbound.shops.forged.app-key", "unused");
        config.put("orderhub.state.outbound.shops.forged.secret", "not-the-shop-secret");
        config.put("orderhub.state.outbound.shops.forged.access-token", "unused");
        config.put("quarkus.rest-client.wms.url", wms.url());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; closed by the shutdown hook
    }

    static MarketplaceSimulator marketplaces() {
        return marketplaces;
    }

    static WmsSimulator wms() {
        return wms;
    }
}
