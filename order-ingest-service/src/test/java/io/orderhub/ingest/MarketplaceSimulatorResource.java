package io.orderhub.ingest;

import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The marketplace simulator of the devstack for the service under test: one per test JVM on a free port, with the
 * shops' secret {@code demo-secret}; the pull's platform URLs point at it. Tests aim its webhooks at the service
 * with {@link #target(int)} (the HTTP port is known only once Quarkus runs).
 */
public class MarketplaceSimulatorResource implements QuarkusTestResourceLifecycleManager {
    private static MarketplaceSimulator sim;

    @Override
    public Map<String, String> start() {
        synchronized (MarketplaceSimulatorResource.class) {
            if (sim == null) {
                sim = MarketplaceSimulator.start(0, "demo-secret");
                Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put("orderhub.ingest.pull.urls.shopify", sim.url() + "/shopify/{shop}");
        config.put("orderhub.ingest.pull.urls.app", sim.url() + "/app/{shop}");
        for (String channel : new String[]{"taobao", "jd", "pdd", "douyin", "xhs"}) {
            config.put("orderhub.ingest.pull.urls." + channel, sim.url());
        }
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; closed by the shutdown hook
    }

    /** The simulator, pushing to the service under test on {@code port}. */
    static MarketplaceSimulator target(int port) {
        return sim.webhookTarget("http://localhost:" + port);
    }

    static MarketplaceSimulator sim() {
        return sim;
    }
}
