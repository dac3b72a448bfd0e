package io.orderhub.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.orderhub.contract.Topics;
import io.orderhub.k8s.support.Chart;
import io.orderhub.k8s.support.CnpgCluster;
import io.orderhub.k8s.support.Manifests;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.orderhub.k8s.support.Chart.SERVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each service gets, read from the typed render of the ci/ value sets. */
class ChartResourcesTest {

    /** shortName per service: database names (orderhub_<short>) and default Secret names. */
    static final Map<String, String> SHORT = Map.of(
            "order-ingest-service", "ingest", "order-state-service", "state", "inventory-service", "inventory",
            "reconciliation-service", "reconciliation", "returns-service", "returns", "alerting-service", "alerting");

    /** The services that call the outside world over HTTPS (marketplaces, ERP, carriers, alert channels). */
    static final Set<String> EXTERNAL_HTTPS = Set.of(
            "order-ingest-service", "order-state-service", "reconciliation-service", "alerting-service");

    static Manifests minimal;
    static Manifests production;
    static Manifests nativeGateway;

    @BeforeAll
    static void render() {
        minimal = Chart.render(Chart.ciValues("minimal-values.yaml"));
        production = Chart.render(Chart.ciValues("production-values.yaml"));
        nativeGateway = Chart.render(Chart.ciValues("native-gateway-values.yaml"));
    }

    static String full(String service) {
        return Chart.RELEASE + "-" + service;
    }

    static Container container(Manifests m, String service) {
        List<Container> containers = m.one(Deployment.class, full(service)).getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), service + " runs one container");
        return containers.get(0);
    }

    static Map<String, EnvVar> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    static Map<String, String> configEnv(Manifests m, String service) {
        return m.one(ConfigMap.class, full(service) + "-env").getData();
    }

    // ---- the workloads ------------------------------------------------------------------------------------------

    @Test
    void everyServiceGetsItsSetOfResourcesAndNothingElseIsAWorkload() {
        Set<String> expected = SERVICES.stream().map(ChartResourcesTest::full).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, production.names(Deployment.class));
        assertEquals(expected, production.names(Service.class));
        assertEquals(expected, production.names(ServiceAccount.class));
        assertEquals(expected, production.names(PodDisruptionBudget.class));
        assertEquals(expected, production.names(NetworkPolicy.class));
        assertEquals(expected, production.names(ServiceMonitor.class));
        assertEquals(expected.stream().filter(n -> !n.endsWith("alerting-service")).collect(Collectors.toSet()),
                production.names(HorizontalPodAutoscaler.class), "alerting-service turns autoscaling off in production-values");
        assertEquals(expected.stream().map(n -> n + "-env").collect(Collectors.toSet()),
                production.names(ConfigMap.class).stream().filter(n -> n.endsWith("-env")).collect(Collectors.toSet()));
    }

    @Test
    void probesPointAtQuarkusHealthEndpoints() {
        for (String service : SERVICES) {
            Container c = container(production, service);
            assertEquals("/q/health/started", httpPath(c.getStartupProbe()), service);
            assertEquals("/q/health/live", httpPath(c.getLivenessProbe()), service);
            assertEquals("/q/health/ready", httpPath(c.getReadinessProbe()), service);
            assertEquals(8080, c.getPorts().get(0).getContainerPort());
            assertEquals("http", c.getPorts().get(0).getName());
            assertTrue(c.getStartupProbe().getFailureThreshold() * c.getStartupProbe().getPeriodSeconds() >= 120,
                    service + ": the startup probe leaves time for Flyway's migration");
        }
    }

    private static String httpPath(Probe probe) {
        assertNotNull(probe);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal());
        return probe.getHttpGet().getPath();
    }

    @Test
    void everyContainerHasRequestsAndAMemoryLimitButNoCpuLimit() {
        for (Manifests m : List.of(minimal, production, nativeGateway)) {
            for (String service : SERVICES) {
                var resources = container(m, service).getResources();
                assertNotNull(resources.getRequests().get("cpu"), service);
                assertNotNull(resources.getRequests().get("memory"), service);
                assertNotNull(resources.getLimits().get("memory"), service);
                assertNull(resources.getLimits().get("cpu"), service + ": no CPU limit (throttling hurts latency)");
                assertTrue(Quantity.getAmountInBytes(resources.getLimits().get("memory"))
                        .compareTo(Quantity.getAmountInBytes(resources.getRequests().get("memory"))) >= 0, service);
            }
        }
        assertEquals(new Quantity("1Gi"), container(production, "returns-service").getResources().getLimits().get("memory"),
                "a service overrides the default resources");
        assertEquals(new Quantity("768Mi"), container(production, "inventory-service").getResources().getLimits().get("memory"));
        assertEquals(new Quantity("256Mi"), container(nativeGateway, "inventory-service").getResources().getLimits().get("memory"),
                "native images get the native resources");
    }

    @Test
    void podsRunAsNonRootWithAReadOnlyRootFilesystemAndNoCapabilities() {
        for (Manifests m : List.of(minimal, production, nativeGateway)) {
            for (String service : SERVICES) {
                PodSpec pod = m.one(Deployment.class, full(service)).getSpec().getTemplate().getSpec();
                assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), service);
                assertEquals(185L, pod.getSecurityContext().getRunAsUser(), service + ": the images' user");
                assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
                assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), service + ": no API token");
                assertEquals(full(service), pod.getServiceAccountName());
                var sc = container(m, service).getSecurityContext();
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), service);
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), service);
                assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), service);
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), service);
                assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty());
                assertTrue(container(m, service).getVolumeMounts().stream().anyMatch(v -> v.getMountPath().equals("/tmp")),
                        service + ": /tmp is the one writable place");
            }
        }
        assertEquals(Boolean.FALSE, production.one(ServiceAccount.class, full("inventory-service")).getAutomountServiceAccountToken());
    }

    @Test
    void imagesComeFromTheRegistryWithTheFlavorsTag() {
        assertEquals("registry.example.com/orderhub/inventory-service:0.1.0", container(minimal, "inventory-service").getImage());
        assertEquals("registry.example.com/orderhub/returns-service:0.1.0-native", container(nativeGateway, "returns-service").getImage());
        assertEquals("/deployments", container(minimal, "inventory-service").getWorkingDir());
        assertEquals("/work", container(nativeGateway, "inventory-service").getWorkingDir());
        assertEquals("registry-credentials",
                production.one(Deployment.class, full("alerting-service")).getSpec().getTemplate().getSpec().getImagePullSecrets().get(0).getName());
    }

    // ---- configuration and secrets ------------------------------------------------------------------------------

    @Test
    void databaseSettingsComeFromEachServicesOwnSecret() {
        for (String service : SERVICES) {
            String shortName = SHORT.get(service);
            assertDatabaseEnv(minimal, service, Chart.RELEASE + "-" + shortName + "-db",
                    "reactive-url", "jdbc-url", "username", "password");
            assertDatabaseEnv(production, service, Chart.RELEASE + "-" + shortName + "-db-app",
                    "uri", "jdbc-uri", "username", "password");
            assertDatabaseEnv(nativeGateway, service, "pg-" + shortName, "REACTIVE_URL", "JDBC_URL", "USER", "PASSWORD");
        }
    }

    private static void assertDatabaseEnv(Manifests m, String service, String secret, String... keys) {
        Map<String, EnvVar> env = env(container(m, service));
        List<String> names = List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
        for (int i = 0; i < names.size(); i++) {
            EnvVar var = env.get(names.get(i));
            assertNotNull(var, service + " " + names.get(i));
            assertNull(var.getValue(), service + " " + names.get(i) + " is never a literal");
            assertEquals(secret, var.getValueFrom().getSecretKeyRef().getName(), service + " " + names.get(i));
            assertEquals(keys[i], var.getValueFrom().getSecretKeyRef().getKey(), service + " " + names.get(i));
        }
    }

    @Test
    void kafkaAndJwtSettingsComeFromValuesThroughTheEnvConfigMap() {
        for (String service : SERVICES) {
            Container c = container(production, service);
            assertEquals(full(service) + "-env", c.getEnvFrom().get(0).getConfigMapRef().getName());
            Map<String, String> env = configEnv(production, service);
            assertEquals("orderhub-kafka-bootstrap.kafka:9093", env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals("https://sso.example.com/realms/orderhub", env.get("MP_JWT_VERIFY_ISSUER"));
            assertEquals("http://keycloak.sso:8080/realms/orderhub/protocol/openid-connect/certs",
                    env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
            assertEquals("8080", env.get("QUARKUS_HTTP_PORT"));
            assertEquals("false", env.get("QUARKUS_OTEL_SDK_DISABLED"));
            assertEquals("INFO", env.get("QUARKUS_LOG_LEVEL"), "global.env reaches every service");
            assertEquals("true", configEnv(minimal, service).get("QUARKUS_OTEL_SDK_DISABLED"));
        }
    }

    @Test
    void noSecretIsEverALiteralAndTheDemoShopIsOff() {
        for (Manifests m : List.of(minimal, production, nativeGateway)) {
            for (String service : SERVICES) {
                for (EnvVar var : container(m, service).getEnv()) {
                    assertFalse(var.getName().equals("ORDERHUB_DEMO_SECRET"), service);
                    if (var.getName().matches(".*(PASSWORD|SECRET).*")) {
                        assertNull(var.getValue(), service + " " + var.getName() + " comes from a Secret");
                        assertNotNull(var.getValueFrom().getSecretKeyRef(), service + " " + var.getName());
                    }
                }
                assertFalse(configEnv(m, service).containsKey("ORDERHUB_DEMO_SECRET"));
                configEnv(m, service).keySet().forEach(k -> assertFalse(k.matches(".*(PASSWORD|SECRET).*"), k));
            }
            assertEquals("false", configEnv(m, "order-ingest-service").get("ORDERHUB_INGEST_DEMO_SHOP_ENABLED"));
            assertFalse(configEnv(m, "inventory-service").containsKey("ORDERHUB_INGEST_DEMO_SHOP_ENABLED"));
        }
        // the chart creates no Secret at all: every secret is the operator's (existingSecret) or CloudNativePG's
        assertTrue(production.docs().stream().noneMatch(d -> d.kind().equals("Secret")));
    }

    @Test
    void webhookShopsAreRegisteredWithSecretsByReference() {
        Map<String, EnvVar> env = env(container(production, "order-ingest-service"));
        EnvVar shopify = env.get("ORDERHUB_SHOP_ACME_SHOPIFY_SECRET");
        assertEquals("orderhub-shop-secrets", shopify.getValueFrom().getSecretKeyRef().getName());
        assertEquals("acme-shopify", shopify.getValueFrom().getSecretKeyRef().getKey());

        String properties = production.one(ConfigMap.class, full("order-ingest-service") + "-config")
                .getData().get("application.properties");
        assertTrue(properties.contains("orderhub.ingest.shops.acme-shopify.channel=shopify\n"), properties);
        assertTrue(properties.contains("orderhub.ingest.shops.acme-shopify.shop=acme\n"), properties);
        assertTrue(properties.contains("orderhub.ingest.shops.acme-shopify.secret=${ORDERHUB_SHOP_ACME_SHOPIFY_SECRET}\n"),
                "the property refers to the environment variable, never to the secret itself: " + properties);
        assertTrue(properties.contains("orderhub.ingest.shops.acme-douyin.app-key=7012345678901234567\n"), properties);
        assertTrue(properties.contains("orderhub.ingest.reprocess-after=PT2M\n"), "services.<name>.config");

        Container ingest = container(production, "order-ingest-service");
        assertTrue(ingest.getVolumeMounts().stream().anyMatch(v -> v.getMountPath().equals("/deployments/config")),
                "Quarkus reads <working dir>/config/application.properties");
        // the other services have no properties file, and no shop secrets
        assertTrue(production.names(ConfigMap.class).stream().filter(n -> n.endsWith("-config")).allMatch(n -> n.contains("ingest")));
        assertFalse(env(container(production, "inventory-service")).containsKey("ORDERHUB_SHOP_ACME_SHOPIFY_SECRET"));
    }

    @Test
    void aConfigurationChangeRollsThePods() throws IOException {
        Path other = Paths.get("target", "other-kafka.yaml");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "kafka:\n  bootstrapServers: other-kafka.kafka:9092\n");
        Manifests changed = Chart.render(Chart.ciValues("minimal-values.yaml"), other);
        for (String service : SERVICES) {
            assertNotEquals(checksum(minimal, service), checksum(changed, service), service);
            assertEquals(checksum(minimal, service), checksum(Chart.render(Chart.ciValues("minimal-values.yaml")), service));
        }
    }

    private static String checksum(Manifests m, String service) {
        return m.one(Deployment.class, full(service)).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }

    // ---- scaling and disruption ---------------------------------------------------------------------------------

    @Test
    void autoscalingOwnsTheReplicaCountAndBudgetsAllowDrains() {
        for (String service : SERVICES) {
            Deployment deployment = minimal.one(Deployment.class, full(service));
            assertNull(deployment.getSpec().getReplicas(), service + ": the HPA owns replicas");
            HorizontalPodAutoscaler hpa = minimal.one(HorizontalPodAutoscaler.class, full(service));
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(full(service), hpa.getSpec().getScaleTargetRef().getName());
            assertEquals(2, hpa.getSpec().getMinReplicas());
            assertEquals(6, hpa.getSpec().getMaxReplicas());
            assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
            assertEquals(75, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());

            PodDisruptionBudget pdb = minimal.one(PodDisruptionBudget.class, full(service));
            assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
            assertNull(pdb.getSpec().getMinAvailable(), "minAvailable would block drains of a single replica");
            assertEquals(deployment.getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels());
        }
        assertEquals(12, production.one(HorizontalPodAutoscaler.class, full("order-ingest-service")).getSpec().getMaxReplicas());
        assertEquals(2, production.one(HorizontalPodAutoscaler.class, full("order-ingest-service")).getSpec().getMinReplicas(),
                "a service overriding one autoscaling key keeps the other defaults");
        assertEquals(2, production.one(Deployment.class, full("alerting-service")).getSpec().getReplicas());
        assertEquals(1, nativeGateway.one(Deployment.class, full("inventory-service")).getSpec().getReplicas());
        assertEquals(Set.of(), nativeGateway.names(HorizontalPodAutoscaler.class));
        assertEquals(Set.of(), nativeGateway.names(PodDisruptionBudget.class));
    }

    @Test
    void selectorsMatchTheirOwnPodsOnly() {
        List<Deployment> deployments = production.all(Deployment.class);
        for (Deployment d : deployments) {
            Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
            assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
            for (Deployment other : deployments) {
                if (other != d) {
                    assertFalse(other.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()),
                            d.getMetadata().getName() + " selects pods of " + other.getMetadata().getName());
                }
            }
            Service service = production.one(Service.class, d.getMetadata().getName());
            assertEquals(selector, service.getSpec().getSelector());
            assertEquals("ClusterIP", service.getSpec().getType(), "internal REST stays inside the cluster");
            assertEquals(8080, service.getSpec().getPorts().get(0).getPort());
        }
        // no database pod can ever be taken for a service's pod
        for (CnpgCluster cluster : production.all(CnpgCluster.class)) {
            for (Deployment d : deployments) {
                assertFalse(cluster.metadata().getLabels().entrySet().containsAll(d.getSpec().getSelector().getMatchLabels().entrySet()));
            }
        }
    }

    // ---- network ------------------------------------------------------------------------------------------------

    @Test
    void onlyPostWebhooksOfTheIngestServiceAreExposed() {
        List<Ingress> ingresses = production.all(Ingress.class);
        assertEquals(1, ingresses.size());
        Ingress ingress = ingresses.get(0);
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals(1, ingress.getSpec().getRules().size());
        assertEquals("hooks.acme-retail.example", ingress.getSpec().getRules().get(0).getHost());
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        assertEquals(1, paths.size(), "only the webhook path");
        assertEquals("/webhooks/", paths.get(0).getPath());
        assertEquals("Prefix", paths.get(0).getPathType());
        assertEquals(full("order-ingest-service"), paths.get(0).getBackend().getService().getName());
        assertEquals("orderhub-webhooks-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(List.of("hooks.acme-retail.example"), ingress.getSpec().getTls().get(0).getHosts());
        assertEquals("letsencrypt", ingress.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"));

        // the body-size limit, at the ingress and in the service itself
        assertEquals("4m", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertEquals("4M", configEnv(production, "order-ingest-service").get("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE"));
        assertEquals("2m", minimal.all(Ingress.class).get(0).getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertTrue(minimal.all(Ingress.class).get(0).getSpec().getTls().isEmpty(), "TLS is off unless configured");

        // the Gateway API alternative also restricts the method
        assertEquals(List.of(), nativeGateway.all(Ingress.class));
        HTTPRoute route = nativeGateway.one(HTTPRoute.class, Chart.RELEASE + "-webhooks");
        assertEquals("public", route.getSpec().getParentRefs().get(0).getName());
        HTTPRouteMatch match = route.getSpec().getRules().get(0).getMatches().get(0);
        assertEquals("POST", match.getMethod());
        assertEquals("/webhooks/", match.getPath().getValue());
        assertEquals(full("order-ingest-service"), route.getSpec().getRules().get(0).getBackendRefs().get(0).getName());
    }

    @Test
    void networkPoliciesAllowOnlyWhatEachServiceNeeds() {
        for (String service : SERVICES) {
            NetworkPolicy np = production.one(NetworkPolicy.class, full(service));
            assertEquals(production.one(Deployment.class, full(service)).getSpec().getSelector().getMatchLabels(),
                    np.getSpec().getPodSelector().getMatchLabels());
            assertEquals(List.of("Ingress", "Egress"), np.getSpec().getPolicyTypes(), service + " default deny both ways");

            // in: never from everywhere; the ingress controller only to the webhook receiver
            for (NetworkPolicyIngressRule rule : np.getSpec().getIngress()) {
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), service + ": an ingress rule open to all");
                assertEquals(List.of(8080), ports(rule.getPorts()));
            }
            boolean fromIngressController = np.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                    .anyMatch(p -> namespaceIs(p, "ingress-nginx"));
            assertEquals(service.equals("order-ingest-service"), fromIngressController, service + " reachable from the ingress controller");
            assertTrue(np.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()).anyMatch(p -> namespaceIs(p, "monitoring")),
                    service + " scraped by Prometheus");
            assertTrue(np.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()).anyMatch(p -> namespaceIs(p, "ops-console")),
                    service + ": networkPolicy.internalClientPeers");

            // out: DNS, its own database only, Kafka, the JWKS, and public HTTPS only where needed
            List<NetworkPolicyEgressRule> egress = np.getSpec().getEgress();
            assertTrue(egress.stream().anyMatch(r -> ports(r.getPorts()).contains(53)), service + " DNS");
            List<NetworkPolicyEgressRule> db = egress.stream().filter(r -> ports(r.getPorts()).equals(List.of(5432))).toList();
            assertEquals(1, db.size(), service + " one database rule");
            assertEquals(Map.of("cnpg.io/cluster", Chart.RELEASE + "-" + SHORT.get(service) + "-db"),
                    db.get(0).getTo().get(0).getPodSelector().getMatchLabels(), service + " reaches its own database only");
            NetworkPolicyEgressRule kafka = egress.stream().filter(r -> ports(r.getPorts()).equals(List.of(9093))).findFirst().orElseThrow();
            assertEquals("orderhub", kafka.getTo().get(0).getPodSelector().getMatchLabels().get("strimzi.io/cluster"));
            assertTrue(egress.stream().anyMatch(r -> ports(r.getPorts()).equals(List.of(8080))
                    && r.getTo() != null && r.getTo().stream().anyMatch(p -> namespaceIs(p, "sso"))), service + " JWKS");
            boolean publicHttps = egress.stream().anyMatch(r -> ports(r.getPorts()).equals(List.of(443)));
            assertEquals(EXTERNAL_HTTPS.contains(service), publicHttps, service + " public HTTPS");
            egress.stream().filter(r -> ports(r.getPorts()).equals(List.of(443))).forEach(r ->
                    assertTrue(r.getTo().get(0).getIpBlock().getExcept().contains("10.0.0.0/8"), "public addresses only"));
        }
        NetworkPolicy alerting = production.one(NetworkPolicy.class, full("alerting-service"));
        assertTrue(alerting.getSpec().getEgress().stream().anyMatch(r -> ports(r.getPorts()).equals(List.of(587))),
                "services.<name>.networkPolicyExtraEgress (SMTP)");

        // without CloudNativePG and peers, database egress is by port only
        NetworkPolicy plain = minimal.one(NetworkPolicy.class, full("inventory-service"));
        NetworkPolicyEgressRule db = plain.getSpec().getEgress().stream().filter(r -> ports(r.getPorts()).equals(List.of(5432))).findFirst().orElseThrow();
        assertTrue(db.getTo() == null || db.getTo().isEmpty());
        assertEquals(Set.of(), nativeGateway.names(NetworkPolicy.class), "networkPolicy.enabled=false");
    }

    private static List<Integer> ports(List<NetworkPolicyPort> ports) {
        return ports == null ? List.of() : ports.stream().map(p -> p.getPort().getIntVal()).toList();
    }

    private static boolean namespaceIs(NetworkPolicyPeer peer, String namespace) {
        return peer.getNamespaceSelector() != null && peer.getNamespaceSelector().getMatchLabels() != null
                && namespace.equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
    }

    // ---- databases and Kafka from the cluster -------------------------------------------------------------------

    @Test
    void cloudNativePgGivesEachServiceItsOwnDatabaseNamedAsTheServiceExpects() throws IOException {
        List<CnpgCluster> clusters = production.all(CnpgCluster.class);
        assertEquals(SERVICES.size(), clusters.size());
        for (String service : SERVICES) {
            CnpgCluster cluster = production.all(CnpgCluster.class).stream()
                    .filter(c -> c.metadata().getName().equals(Chart.RELEASE + "-" + SHORT.get(service) + "-db"))
                    .findFirst().orElseThrow(() -> new AssertionError("no database cluster for " + service));
            assertEquals(3, cluster.spec().instances());
            assertEquals("20Gi", cluster.spec().storage().size());
            assertEquals("fast-ssd", cluster.spec().storage().storageClass());
            assertEquals(databaseNameOf(service), cluster.spec().bootstrap().initdb().database(),
                    service + ": the same database name as in its application.properties");
            assertEquals(cluster.spec().bootstrap().initdb().database(), cluster.spec().bootstrap().initdb().owner());
            assertEquals(Boolean.TRUE, cluster.spec().monitoring().enablePodMonitor());
        }
        assertEquals(List.of(), minimal.all(CnpgCluster.class));
    }

    /** The database a service names in its own application.properties (postgresql://host:port/<name>). */
    static String databaseNameOf(String service) throws IOException {
        Path properties = Chart.repoDir().resolve(service).resolve("src/main/resources/application.properties");
        return Files.readAllLines(properties).stream()
                .filter(l -> l.startsWith("quarkus.datasource.reactive.url="))
                .map(l -> l.substring(l.lastIndexOf('/') + 1).trim())
                .findFirst().orElseThrow(() -> new AssertionError(properties + " names no reactive URL"));
    }

    @Test
    void strimziTopicsCoverEveryTopicOfTheContractAndItsDeadLetterTwin() {
        Set<String> expected = new TreeSet<>();
        Topics.ALL.forEach(t -> {
            expected.add(t);
            expected.add(Topics.dlq(t));
        });
        List<KafkaTopic> topics = production.all(KafkaTopic.class);
        assertEquals(expected, topics.stream().map(t -> t.getSpec().getTopicName()).collect(Collectors.toCollection(TreeSet::new)));
        production.docs().stream().filter(d -> d.kind().equals("KafkaTopic"))
                .forEach(d -> assertEquals("kafka.strimzi.io/v1", d.tree().path("apiVersion").asText(), "kafka.topics.apiVersion"));
        for (KafkaTopic topic : topics) {
            String name = topic.getSpec().getTopicName();
            assertEquals(name, topic.getMetadata().getName());
            assertEquals("orderhub", topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertEquals(3, topic.getSpec().getReplicas());
            assertEquals(2, ((Number) topic.getSpec().getConfig().get("min.insync.replicas")).intValue());
            long retention = ((Number) topic.getSpec().getConfig().get("retention.ms")).longValue();
            if (name.endsWith(".dlq")) {
                assertEquals(1, topic.getSpec().getPartitions(), name);
                assertEquals(2_592_000_000L, retention, name + ": dead letters are kept 30 days");
            } else if (name.equals(Topics.ORDERS_INGESTED) || name.equals(Topics.ORDERS_LIFECYCLE)) {
                assertEquals(12, topic.getSpec().getPartitions(), name + ": per-topic override");
            } else {
                assertEquals(6, topic.getSpec().getPartitions(), name);
            }
            if (name.equals(Topics.RECONCILIATION)) {
                assertEquals(1_209_600_000L, retention, "per-topic retention override");
            } else if (!name.endsWith(".dlq")) {
                assertEquals(604_800_000L, retention, name);
            }
        }
        assertEquals(List.of(), minimal.all(KafkaTopic.class), "topics are only created when asked for");
    }

    @Test
    void theChartsTopicListIsTheContractsAndCoversWhatTheServicesConsume() throws IOException {
        Set<String> chartTopics = production.all(KafkaTopic.class).stream().map(t -> t.getSpec().getTopicName())
                .collect(Collectors.toSet());
        Set<String> used = new HashSet<>();
        for (String service : SERVICES) {
            Path properties = Chart.repoDir().resolve(service).resolve("src/main/resources/application.properties");
            try (Stream<String> lines = Files.lines(properties)) {
                lines.filter(l -> l.matches("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)=.*"))
                        .map(l -> l.substring(l.indexOf('=') + 1).trim())
                        .forEach(used::add);
            }
        }
        assertFalse(used.isEmpty(), "the services consume topics");
        assertTrue(chartTopics.containsAll(used), "topics the services use but the chart does not create: "
                + used.stream().filter(t -> !chartTopics.contains(t)).toList());
    }

    // ---- observability ------------------------------------------------------------------------------------------

    @Test
    void serviceMonitorsScrapeEveryServicesMetrics() {
        for (String service : SERVICES) {
            ServiceMonitor monitor = production.one(ServiceMonitor.class, full(service));
            assertTrue(production.one(Service.class, full(service)).getMetadata().getLabels().entrySet()
                    .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()), service);
            assertEquals("http", monitor.getSpec().getEndpoints().get(0).getPort());
            assertEquals("/q/metrics", monitor.getSpec().getEndpoints().get(0).getPath());
            assertEquals("kube-prometheus-stack", monitor.getMetadata().getLabels().get("release"));
        }
        assertEquals(Set.of(), minimal.names(ServiceMonitor.class));
    }

    @Test
    void aMinimalInstallNeedsNoOperatorAndNoCustomResource() {
        Set<String> core = Set.of("ServiceAccount", "ConfigMap", "Service", "Deployment", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "Ingress");
        assertTrue(core.containsAll(minimal.kinds()), "kinds: " + minimal.kinds());
        assertEquals(4, minimal.names(ConfigMap.class).stream().filter(n -> n.contains("-dashboard-")).count(),
                "the Grafana dashboards are plain ConfigMaps");
        assertTrue(production.kinds().containsAll(Set.of("KafkaTopic", "Cluster", "ServiceMonitor", "PrometheusRule")));
        assertEquals(SERVICES.size(), nativeGateway.names(Deployment.class).size());
        assertEquals(1, minimal.one(Deployment.class, full("inventory-service")).getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints().size());
    }

    @Test
    void aDisabledServiceLeavesNoTrace() throws IOException {
        Path off = Paths.get("target", "returns-off.yaml");
        Files.createDirectories(off.getParent());
        Files.writeString(off, "services:\n  returns-service:\n    enabled: false\n");
        Manifests m = Chart.render(Chart.ciValues("production-values.yaml"), off);
        List<String> left = m.docs().stream().filter(d -> !d.kind().equals("KafkaTopic"))
                .map(d -> d.kind() + " " + d.name()).filter(n -> n.contains("returns")).toList();
        assertEquals(List.of(), left, "resources of the disabled service");
        assertTrue(m.all(NetworkPolicy.class).stream().noneMatch(np -> np.getMetadata().getName().contains("returns")));
        assertEquals(SERVICES.size() - 1, m.names(Deployment.class).size());
        assertEquals(Topics.ALL.size() * 2, m.all(KafkaTopic.class).size(), "the topics are the contract's, not a service's");
    }
}
