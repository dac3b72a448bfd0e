package io.orderhub.ingest.service;

import io.orderhub.ingest.config.IngestConfig;
import io.orderhub.ingest.domain.Channels;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the shops' signing secrets from configuration into {@code shop_credential} at startup: the
 * demo shop on every channel (unless {@code orderhub.ingest.demo-shop.enabled=false}, which also removes
 * it) and every {@code orderhub.ingest.shops.*} entry. Secrets come from the environment, never the repository.
 */
@ApplicationScoped
public class CredentialSeeder {
    private static final Logger LOG = Logger.getLogger(CredentialSeeder.class);

    @Inject
    IngestConfig config;
    @Inject
    Pool pool;

    void seed(@Observes @Priority(5) StartupEvent ignored) {
        List<Tuple> rows = new ArrayList<>();
        IngestConfig.DemoShop demo = config.demoShop();
        if (demo.enabled()) {
            for (String channel : Channels.ALL) {
                rows.add(Tuple.of(channel, demo.name(), demo.secret(), demo.appKey(), demo.accessToken()));
            }
        } else {
            pool.preparedQuery("delete from shop_credential where shop = $1").execute(Tuple.of(demo.name()))
                    .await().indefinitely();
        }
        config.shops().forEach((name, shop) -> {
            if (!Channels.ALL.contains(shop.channel())) {
                throw new IllegalStateException("orderhub.ingest.shops." + name + ".channel=" + shop.channel()
                        + " is not a channel; use one of " + Channels.ALL);
            }
            rows.add(Tuple.of(shop.channel(), shop.shop(), shop.secret(), shop.appKey().orElse(null), shop.accessToken().orElse(null)));
        });
        if (rows.isEmpty()) {
            LOG.warn("no shop credentials configured: every webhook will be refused (set orderhub.ingest.shops.*)");
            return;
        }
        pool.preparedQuery("insert into shop_credential (channel, shop, secret, app_key, access_token, updated_at) values ($1, $2, $3, $4, $5, now()) "
                        + "on conflict (channel, shop) do update set secret = excluded.secret, app_key = excluded.app_key, "
                        + "access_token = excluded.access_token, updated_at = now()")
                .executeBatch(rows)
                .await().indefinitely();
        LOG.infof("%d shop credential(s) registered%s", rows.size(), demo.enabled() ? " (incl. the demo shop on every channel)" : "");
    }
}
