package io.orderhub.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.devstack.sim.alerts.AlertReceivers;
import io.orderhub.devstack.sim.alerts.AlertReceivers.Kind;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orderhub.alerting.AlertingTestSupport.alertByKey;
import static io.orderhub.alerting.AlertingTestSupport.bearer;
import static io.orderhub.alerting.AlertingTestSupport.json;
import static io.orderhub.alerting.AlertingTestSupport.tree;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every channel delivers the exact expected payload; hygiene: retries, dedup, grouping, silences, resolve. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = AlertSinksTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChannelsTest {
    private static KafkaTestClient kafka;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static AlertReceivers receivers() {
        return AlertSinksTestResource.receivers();
    }

    private static Map<String, Object> page(String severity, String team, String summary, String key) {
        return given().header("Authorization", bearer("ops")).contentType(ContentType.JSON)
                .body(json(Map.of("severity", severity, "team", team, "summary", summary, "dedupeKey", key)))
                .post("/alerts").then().statusCode(201).extract().jsonPath().getMap("$");
    }

    private static AlertReceivers.Delivery delivered(Kind kind, String needle) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> receivers().deliveries(kind).stream()
                .filter(d -> d.accepted() && d.body().contains(needle)).findFirst().orElse(null), d -> d != null);
    }

    private static String hmacHex(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hmacBase64(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCriticalPageReachesEveryChannelInItsOwnWireFormat() throws Exception {
        String key = "dock-" + UUID.randomUUID();
        String summary = "Pallet P-7 blocks dock 3 (" + key + "): move it before the 16:00 pickup";
        Map<String, Object> alert = page("critical", "supervisor", summary, key);
        String id = (String) alert.get("id");
        String raisedAt = (String) alert.get("raisedAt");
        String line = "[CRITICAL] " + summary;

        // generic JSON webhook, signed: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))
        AlertReceivers.Delivery webhook = delivered(Kind.WEBHOOK, id);
        JsonNode expected = tree(json(Map.of("version", "1", "groupKey", "MANUAL:supervisor", "status", "firing",
                "alerts", List.of(new java.util.TreeMap<>(Map.ofEntries(
                        Map.entry("id", id), Map.entry("dedupeKey", "manual:" + key), Map.entry("kind", "MANUAL"),
                        Map.entry("severity", "critical"), Map.entry("team", "supervisor"), Map.entry("status", "FIRING"),
                        Map.entry("summary", summary), Map.entry("labels", Map.of("raised_by", "dev-ops")),
                        Map.entry("raisedAt", raisedAt)))))));
        JsonNode got = webhook.json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.path("alerts").get(0)).putNull("tier").putNull("globalOrderId")
                .putNull("resolvedAt");
        assertEquals(expected, got);
        String ts = webhook.headers().get("x-orderhub-timestamp");
        assertEquals("sha256=" + hmacHex(receivers().credentials().webhookSecret(), ts + "." + webhook.body()),
                webhook.headers().get("x-orderhub-signature"));
        assertEquals("application/json", webhook.headers().get("content-type"));

        // Slack-style incoming webhook
        assertEquals(tree(json(Map.of("text", line))), delivered(Kind.SLACK, key).json());

        // WeCom group robot: markdown, key in the query
        AlertReceivers.Delivery wecom = delivered(Kind.WECOM, key);
        assertEquals(tree(json(Map.of("msgtype", "markdown", "markdown", Map.of("content", "**Order Hub · supervisor**\n> " + line)))),
                wecom.json());
        assertEquals(receivers().credentials().weComKey(), wecom.query().get("key"));

        // DingTalk group robot: markdown, timestamp + sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret))
        AlertReceivers.Delivery ding = delivered(Kind.DINGTALK, key);
        assertEquals(tree(json(Map.of("msgtype", "markdown",
                "markdown", Map.of("title", "[CRITICAL] Order Hub", "text", "#### Order Hub · supervisor\n\n- " + line),
                "at", Map.of("atMobiles", List.of(), "isAtAll", false)))), ding.json());
        String secret = receivers().credentials().dingTalkSecret();
        String dingTs = ding.query().get("timestamp");
        assertEquals(hmacBase64(secret, dingTs + "\n" + secret), ding.query().get("sign"));
        assertTrue(Math.abs(Long.parseLong(dingTs) - System.currentTimeMillis()) < 60_000, "a fresh millisecond timestamp");

        // email through a real SMTP server
        MimeMessage mail = await().atMost(Duration.ofSeconds(20)).until(() -> List.of(AlertSinksTestResource.mail().getReceivedMessages())
                .stream().filter(m -> {
                    try {
                        return m.getSubject().contains(key);
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElse(null), m -> m != null);
        assertEquals("[CRITICAL] Order Hub: " + summary, mail.getSubject());
        assertEquals("supervisor@orderhub.test", mail.getAllRecipients()[0].toString());
        assertEquals("alerts@orderhub.test", mail.getFrom()[0].toString());
        String text = mail.getContent().toString().replace("\r\n", "\n").strip();
        assertEquals(line + "\n\nAll alerts: http://localhost:8086/alerts", text);

        // Alertmanager, seen through its own API
        String am = AlertSinksTestResource.alertmanagerUrl();
        if (am == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(AlertSinksTestResource.ALERTMANAGER_HINT);
            }
            Assumptions.abort(AlertSinksTestResource.ALERTMANAGER_HINT);
        }
        String filter = URLEncoder.encode("dedupe_key=\"manual:" + key + "\"", StandardCharsets.UTF_8);
        URI query = URI.create(am + "/api/v2/alerts?filter=" + filter);
        JsonNode amAlerts = await().atMost(Duration.ofSeconds(20)).until(() -> tree(HTTP.send(HttpRequest.newBuilder(query).build(),
                HttpResponse.BodyHandlers.ofString()).body()), n -> n.size() == 1);
        JsonNode a = amAlerts.get(0);
        assertEquals("MANUAL", a.path("labels").path("alertname").asText());
        assertEquals("critical", a.path("labels").path("severity").asText());
        assertEquals("supervisor", a.path("labels").path("team").asText());
        assertEquals("orderhub", a.path("labels").path("service").asText());
        assertEquals(summary, a.path("annotations").path("summary").asText());
        assertEquals(id, a.path("annotations").path("alert_id").asText());
        assertEquals("active", a.path("status").path("state").asText());
        assertEquals("http://localhost:8086/alerts/" + id, a.path("generatorURL").asText());
        assertEquals(Instant.parse(raisedAt), Instant.parse(a.path("startsAt").asText()));

        // resolving it tells the channels; Alertmanager no longer lists it as firing
        given().header("Authorization", bearer("ops")).post("/alerts/{id}/resolve", id).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("dev-ops"));
        await().atMost(Duration.ofSeconds(20)).until(() -> tree(HTTP.send(HttpRequest.newBuilder(query).build(),
                HttpResponse.BodyHandlers.ofString()).body()).size() == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> receivers().deliveries(Kind.SLACK).stream()
                .anyMatch(d -> d.body().contains("[RESOLVED] " + summary)));
        given().header("Authorization", bearer("ops")).post("/alerts/{id}/ack", id).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aRefusedDeliveryIsRetriedWithBackoffUntilItGetsThrough() {
        receivers().failNext(Kind.WECOM, 2);
        String key = "retry-" + UUID.randomUUID();
        String id = (String) page("warning", "warehouse", "Label printer 2 is out of paper (" + key + ")", key).get("id");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", bearer("ops"))
                .get("/alerts/{id}/deliveries", id).then().statusCode(200)
                .body("find { it.channel == 'warehouse-wecom' }.deliveredAt", notNullValue())
                .body("find { it.channel == 'warehouse-wecom' }.attempts", equalTo(3)));
        List<AlertReceivers.Delivery> tries = receivers().deliveries(Kind.WECOM).stream().filter(d -> d.body().contains(key)).toList();
        assertEquals(List.of(false, false, true), tries.stream().map(AlertReceivers.Delivery::accepted).toList(),
                "two refusals (errcode -1, system busy), then delivered");
        assertTrue(tries.get(2).at().isAfter(tries.get(1).at().plusMillis(900)), "the second retry waited longer (backoff)");
        // a warning for the warehouse does not go to the supervisor's or on-call's channels
        assertTrue(receivers().deliveries(Kind.DINGTALK).stream().noneMatch(d -> d.body().contains(key)));
        assertTrue(receivers().deliveries(Kind.SLACK).stream().noneMatch(d -> d.body().contains(key)));
    }

    private static void lowStock(String sku) {
        StockChanged.LowStock low = new StockChanged.LowStock(sku, 12, 3, 10, 5, 4, new BigDecimal("44"),
                sku + " is below its safety threshold (3 available < 10); 44 % of reserved units are deposits", Instant.now());
        kafka.publish(Topics.INVENTORY, sku, EventTypes.STOCK_LOW, json(low));
    }

    @Test
    void repeatsAreDeduplicatedAndAlertsThatComeTogetherAreGrouped() {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String> skus = List.of("GRP-" + run + "-A", "GRP-" + run + "-B", "GRP-" + run + "-C");
        skus.forEach(ChannelsTest::lowStock);
        lowStock(skus.get(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Map<String, Object> a = alertByKey("low-stock:" + skus.get(0));
            return a != null && ((Number) a.get("occurrences")).intValue() == 2;
        });
        Map<String, Object> first = alertByKey("low-stock:" + skus.get(0));
        assertEquals("warning", first.get("severity"));
        assertEquals("warehouse", first.get("team"));
        assertTrue(((String) first.get("summary")).contains("44 % of reserved units are deposits"));

        await().atMost(Duration.ofSeconds(20)).until(() -> skus.stream().allMatch(s -> receivers().deliveries(Kind.WEBHOOK).stream()
                .anyMatch(d -> d.accepted() && d.body().contains(s))));
        List<AlertReceivers.Delivery> ours = receivers().deliveries(Kind.WEBHOOK).stream()
                .filter(d -> d.accepted() && skus.stream().anyMatch(s -> d.body().contains(s))).toList();
        long mentionsOfFirst = ours.stream().filter(d -> d.body().contains(skus.get(0))).count();
        assertEquals(1, mentionsOfFirst, "the repeat of the first SKU was counted, not sent again");
        assertTrue(ours.size() < skus.size(), "three alerts of one group within the group wait went out in fewer messages: "
                + ours.size());
        JsonNode grouped = ours.get(0).json();
        assertEquals("LOW_STOCK:warehouse", grouped.path("groupKey").asText());
        assertTrue(grouped.path("alerts").size() >= 2);
    }

    @Test
    void aSilencedAlertIsRecordedButNotSentUntilTheSilenceEnds() {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String silenceId = given().header("Authorization", bearer("ops")).contentType(ContentType.JSON)
                .body(json(Map.of("kind", "LOW_STOCK", "dedupeKeyPrefix", "low-stock:SIL-" + run, "reason",
                        "stocktake in progress, counts are wrong", "duration", "PT10M")))
                .post("/silences").then().statusCode(201).body("active", equalTo(true)).extract().path("id");
        given().header("Authorization", bearer("ops")).contentType(ContentType.JSON).body("{\"reason\":\"x\",\"duration\":\"PT1M\"}")
                .post("/silences").then().statusCode(400).contentType("application/problem+json");

        lowStock("SIL-" + run + "-1");
        lowStock("LOUD-" + run);
        await().atMost(Duration.ofSeconds(20)).until(() -> receivers().deliveries(Kind.WEBHOOK).stream()
                .anyMatch(d -> d.accepted() && d.body().contains("LOUD-" + run)));
        Map<String, Object> silenced = alertByKey("low-stock:SIL-" + run + "-1");
        assertNotNull(silenced, "the silenced alert is still recorded");
        assertEquals(silenceId, silenced.get("silencedBy"));
        given().header("Authorization", bearer("ops")).get("/alerts/{id}/deliveries", silenced.get("id")).then().body("$", hasSize(0));
        assertTrue(receivers().deliveries().stream().noneMatch(d -> d.body().contains("SIL-" + run + "-1")));

        given().header("Authorization", bearer("ops")).delete("/silences/{id}", silenceId).then().statusCode(200)
                .body("active", equalTo(false));
        lowStock("SIL-" + run + "-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> receivers().deliveries(Kind.WEBHOOK).stream()
                .anyMatch(d -> d.accepted() && d.body().contains("SIL-" + run + "-2")));
    }

    @Test
    void alertListsFilterByStateAndSeverityAndSayWhatToFix() {
        String key = "filter-" + UUID.randomUUID();
        String id = (String) page("info", "ops", "Filter check " + key, key).get("id");
        List<String> infoFiring = given().header("Authorization", bearer("cs")).queryParam("state", "firing").queryParam("severity", "info")
                .get("/alerts").then().statusCode(200).extract().jsonPath().getList("id");
        assertTrue(infoFiring.contains(id));
        List<String> critical = given().header("Authorization", bearer("cs")).queryParam("severity", "CRITICAL")
                .get("/alerts").then().statusCode(200).extract().jsonPath().getList("id");
        assertTrue(!critical.contains(id));
        given().header("Authorization", bearer("cs")).queryParam("state", "burning").get("/alerts").then().statusCode(400)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("FIRING"));
        given().get("/alerts").then().statusCode(401);
        given().header("Authorization", bearer("finance")).post("/alerts/{id}/ack", id).then().statusCode(403);
        given().header("Authorization", bearer("ops")).post("/alerts/{id}/ack", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
