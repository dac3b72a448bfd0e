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

    interface Intercept {
        /** Carriers (case-insensitive) that cannot intercept a parcel once it has shipped. Default: none. */
        Optional<Set<String>> unsupportedCarriers();
    }
}
