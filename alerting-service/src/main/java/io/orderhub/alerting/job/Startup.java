package io.orderhub.alerting.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.service.BreakerService;
import io.orderhub.alerting.service.SlaPolicyService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * At startup: the metrics the chart's alert rules and dashboards expect exist (at 0), the SLA policy is seeded
 * from configuration (unless changed over REST), and the breaker gauge shows the stored state.
 */
@ApplicationScoped
public class Startup {
    @Inject
    MeterRegistry registry;
    @Inject
    AlertingConfig config;
    @Inject
    BreakerService breaker;
    @Inject
    SlaPolicyService policies;

    void onStart(@Observes StartupEvent event) throws Throwable {
        for (String channel : config.salesChannels()) {
            registry.counter("orderhub.sla.breaches", "channel", channel);
        }
        registry.gauge("orderhub.breaker.open", Tags.empty(), breaker.openGauge());
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> policies.seedFromConfig()));
        policies.invalidate();
        VertxContextSupport.subscribeAndAwait(() -> breaker.loadGauge());
    }
}
