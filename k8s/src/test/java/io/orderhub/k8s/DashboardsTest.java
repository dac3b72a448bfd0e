package io.orderhub.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.orderhub.k8s.support.Chart;
import io.orderhub.k8s.support.Manifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Grafana dashboards the chart ships as ConfigMaps: valid JSON, queries over metrics that exist. */
class DashboardsTest {

    /**
     * The metrics the dashboards may query. Exposed today: the kit's counters, Quarkus' HTTP server timers and the
     * Kafka client's metrics (Micrometer). Defined by this chart for alerting-service and reconciliation-service
     * to expose: orderhub_sla_breaches_total{channel}, orderhub_reconciliation_deviation_ratio{channel},
     * orderhub_breaker_open.
     */
    static final Set<String> KNOWN_METRICS = Set.of(
            "orderhub_outbox_published_total", "orderhub_outbox_failures_total",
            "orderhub_consumer_dead_lettered_total", "orderhub_inbox_duplicates_total",
            "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "kafka_consumer_fetch_manager_records_lag",
            "orderhub_sla_breaches_total", "orderhub_reconciliation_deviation_ratio", "orderhub_breaker_open");

    static final Pattern METRIC = Pattern.compile("\\b((?:orderhub|http_server|kafka)_[a-z_]+)\\s*[{\\[(]");

    static Map<String, JsonNode> dashboards = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws IOException {
        Manifests minimal = Chart.render(Chart.ciValues("minimal-values.yaml"));
        ObjectMapper json = new ObjectMapper();
        for (ConfigMap cm : minimal.all(ConfigMap.class)) {
            if (cm.getMetadata().getName().contains("-dashboard-")) {
                assertEquals("1", cm.getMetadata().getLabels().get("grafana_dashboard"), "the Grafana sidecar's label");
                assertEquals("Order Hub", cm.getMetadata().getAnnotations().get("grafana_folder"));
                assertEquals(1, cm.getData().size());
                for (var entry : cm.getData().entrySet()) {
                    dashboards.put(entry.getKey(), json.readTree(entry.getValue()));
                }
            }
        }
    }

    @Test
    void theFourDashboardsAreThere() {
        assertEquals(Set.of("order-flow.json", "sla.json", "consistency.json", "inventory.json"), dashboards.keySet());
        Set<String> uids = new HashSet<>();
        dashboards.forEach((file, d) -> {
            assertTrue(uids.add(d.path("uid").asText()), file + " has its own uid");
            assertTrue(d.path("title").asText().startsWith("Order Hub / "), file);
            assertFalse(d.path("panels").isEmpty(), file);
        });
    }

    @Test
    void everyQueryUsesKnownMetricsAndTheSelectedNamespace() {
        List<String> problems = new ArrayList<>();
        dashboards.forEach((file, d) -> {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : d.path("panels")) {
                String where = file + " / " + panel.path("title").asText();
                if (!ids.add(panel.path("id").asInt())) {
                    problems.add(where + ": duplicate panel id");
                }
                if (!panel.path("datasource").path("uid").asText().equals("${datasource}")) {
                    problems.add(where + ": not on the ${datasource} variable");
                }
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    Matcher m = METRIC.matcher(expr);
                    int found = 0;
                    while (m.find()) {
                        found++;
                        if (!KNOWN_METRICS.contains(m.group(1))) {
                            problems.add(where + ": unknown metric " + m.group(1));
                        }
                    }
                    if (found == 0) {
                        problems.add(where + ": no metric in " + expr);
                    }
                    if (!expr.contains("namespace=\"$namespace\"")) {
                        problems.add(where + ": not filtered by namespace: " + expr);
                    }
                    if (expr.chars().filter(c -> c == '(').count() != expr.chars().filter(c -> c == ')').count()) {
                        problems.add(where + ": unbalanced parentheses: " + expr);
                    }
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theConsistencyHeatMapIsPerChannelAndHour() {
        JsonNode heatmap = null;
        for (JsonNode panel : dashboards.get("consistency.json").path("panels")) {
            if (panel.path("type").asText().equals("heatmap")) {
                heatmap = panel;
            }
        }
        assertTrue(heatmap != null, "a heatmap panel");
        JsonNode target = heatmap.path("targets").get(0);
        assertTrue(target.path("expr").asText().startsWith("avg by (channel) (avg_over_time(orderhub_reconciliation_deviation_ratio"));
        assertTrue(target.path("expr").asText().endsWith("[1h]))"));
        assertEquals("1h", target.path("interval").asText(), "one cell per hour");
        assertEquals("{{channel}}", target.path("legendFormat").asText(), "one row per channel");
    }

    @Test
    void dashboardsCanBeSwitchedOff() {
        Manifests m = Chart.render(Chart.ciValues("native-gateway-values.yaml"));
        assertTrue(m.names(ConfigMap.class).stream().noneMatch(n -> n.contains("-dashboard-")));
    }
}
