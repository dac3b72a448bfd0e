package io.orderhub.devstack.test;

import io.orderhub.devstack.infra.Kafka;
import io.orderhub.devstack.infra.Postgres;
import io.orderhub.devstack.jwt.DevKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Real infrastructure for a service's {@code @QuarkusTest}s: an embedded PostgreSQL, an in-VM Kafka
 * KRaft broker and a JWT key pair, started once per test JVM and shared by every test class that uses
 * {@code @WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)}.
 * Set {@code ORDERHUB_PG_HOST}/{@code KAFKA_BOOTSTRAP_SERVERS} to use external ones instead.
 */
public class OrderHubTestResource implements QuarkusTestResourceLifecycleManager {
    private static Postgres postgres;
    private static Kafka kafka;
    private static DevKeys keys;

    private String database = "orderhub_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        synchronized (OrderHubTestResource.class) {
            if (postgres == null) {
                postgres = Postgres.start(0, Optional.empty());
                Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            }
            if (kafka == null) {
                kafka = Kafka.start();
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
            }
            if (keys == null) {
                keys = DevKeys.generate();
            }
        }
        postgres.ensureDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("mp.jwt.verify.publickey", keys.publicKeyPem());
        config.put("mp.jwt.verify.issuer", DevKeys.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hooks
    }

    /** A bearer token for {@code role} that the service under test accepts. */
    public static String token(String role) {
        return keys.token(role);
    }

    public static String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public static Postgres postgres() {
        return postgres;
    }
}
