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
        return Map.of(
                "quarkus.rest-client.erp.url", erp.url(),
                "quarkus.rest-client.carrier.url", carrier.url(),
                "quarkus.rest-client.shopify.url", marketplace.url(),
                "orderhub.reconciliation.shopify.shops.demo.base-url", marketplace.url() + "/shopify/demo",
                "orderhub.reconciliation.shopify.shops.demo.access-token", marketplace.shopToken("demo"));
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
