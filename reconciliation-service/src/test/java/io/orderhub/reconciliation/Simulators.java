package io.orderhub.reconciliation;

import io.orderhub.devstack.sim.carrier.CarrierSimulator;
import io.orderhub.devstack.sim.erp.ErpSimulator;
import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The three outside sources for the tests, on free ports, started once per test JVM: the marketplace simulator
 * (its Shopify Admin API serves the platform side), the ERP simulator and the carrier simulator. Tests seed and
 * diverge them through {@link #marketplace()}, {@link #erp()} and {@link #carrier()}.
 */
public class Simulators implements QuarkusTestResourceLifecycleManager {
    private static MarketplaceSimulator marketplace;
    private static ErpSimulator erp;
    private static CarrierSimulator carrier;

    @Override
    public Map<String, String> start() {
        synchronized (Simulators.class) {
            if (marketplace == null) {
                // before the first JDK HttpServer of this JVM: answer without waiting for delayed ACKs (Nagle)
                System.setProperty("sun.net.httpserver.nodelay", "true");
                marketplace = MarketplaceSimulator.start(0, "demo-secret").webhookTarget("http://localhost:1");
                erp = ErpSimulator.start(0);
                carrier = CarrierSimulator.start(0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    marketplace.close();
                    erp.close();
                    carrier.close();
                }));
            }
        }
        Map<String, String> config = new java.util.HashMap<>();
        config.put("quarkus.rest-client.erp.url", erp.url());
        config.put("quarkus.rest-client.carrier.url", carrier.url());
        config.put("quarkus.rest-client.shopify.url", marketplace.url());
        for (String shop : shops()) {
            config.put("orderhub.reconciliation.shopify.shops." + shop + ".base-url", marketplace.url() + "/shopify/" + shop);
            config.put("orderhub.reconciliation.shopify.shops." + shop + ".access-token", marketplace.shopToken(shop));
        }
        // the marketplaces' open APIs: the tests' own shop on each (the demo shop is off in the test profile)
        for (String channel : marketplaces()) {
            String prefix = "orderhub.reconciliation.marketplaces.channels." + channel + ".shops." + MARKETPLACE_SHOP + ".";
            config.put(prefix + "base-url", marketplace.url());
            config.put(prefix + "app-key", marketplace.appKey());
            config.put(prefix + "secret", marketplace.secret());
            config.put(prefix + "access-token", marketplace.shopToken(MARKETPLACE_SHOP));
        }
        config.put("quarkus.rest-client.marketplace.url", marketplace.url());
        return config;
    }

    /** The Chinese marketplaces pulled through their open APIs, each with the shop {@link #MARKETPLACE_SHOP}. */
    public static final java.util.List<String> MARKETPLACES = java.util.List.of("taobao", "jd", "pdd", "douyin", "xhs");

    /** {@link #MARKETPLACES}, or the list in {@code orderhub.sim.marketplaces} (the benchmark: none, it measures Shopify). */
    static java.util.List<String> marketplaces() {
        String list = System.getProperty("orderhub.sim.marketplaces");
        return list == null ? MARKETPLACES : java.util.Arrays.stream(list.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
    public static final String MARKETPLACE_SHOP = "flagship";

    /** The Shopify shops pulled: {@code demo}, or the list in the system property {@code orderhub.sim.shops}. */
    public static java.util.List<String> shops() {
        return java.util.Arrays.stream(System.getProperty("orderhub.sim.shops", "demo").split(",")).map(String::strip)
                .filter(x -> !x.isEmpty()).toList();
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }

    public static MarketplaceSimulator marketplace() {
        return marketplace;
    }

    public static ErpSimulator erp() {
        return erp;
    }

    public static CarrierSimulator carrier() {
        return carrier;
    }
}
