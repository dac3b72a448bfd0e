package io.orderhub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.ingest.domain.signature.DouyinVerifier;
import io.orderhub.ingest.domain.signature.FormParamsVerifier;
import io.orderhub.ingest.domain.signature.TaobaoVerifier;
import io.orderhub.ingest.domain.signature.XhsVerifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Chinese platforms' pushes, each with its own signature scheme, through HTTP, PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MarketplaceSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChannelWebhooksTest {
    private static final String SECRET = "demo-secret";
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static KafkaTestClient kafka;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(OrderHubTestResource.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private OrderIngested publishedFor(String globalOrderId) {
        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ORDERS_INGESTED, globalOrderId, Duration.ofSeconds(30),
                es -> !es.isEmpty());
        assertEquals(1, events.size());
        try {
            return mapper.readValue(events.get(0).data(), OrderIngested.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertTotal(String expected, OrderIngested event) {
        assertEquals(0, new BigDecimal(expected).compareTo(event.total().amount()), event.total().toString());
        assertEquals("CNY", event.total().currency());
    }

    // ---- Taobao: TOP signature over sorted query parameters + body

    private static Response taobao(byte[] body, Map<String, String> query) {
        var request = given().contentType(ContentType.JSON);
        for (Map.Entry<String, String> q : query.entrySet()) {
            request = request.queryParam(q.getKey(), q.getValue());
        }
        return request.body(body).post("/webhooks/taobao/demo");
    }

    private static Map<String, String> taobaoQuery(String timestamp) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("app_key", "demo-app");
        query.put("sign_method", "md5");
        query.put("timestamp", timestamp);
        query.put("topic", "taobao_trade_TradeBuyerPay");
        return query;
    }

    @Test
    void taobaoTradeSignedNowIsIngested() {
        byte[] body = Fixtures.bytes("/fixtures/taobao/paid-two-lines.json");
        Map<String, String> query = taobaoQuery(BEIJING.format(Instant.now()));
        query.put("sign", TaobaoVerifier.sign(SECRET, query, body));
        String id = taobao(body, query).then().statusCode(202).body("duplicate", equalTo(false))
                .extract().path("globalOrderId");
        OrderIngested event = publishedFor(id);
        assertEquals("taobao", event.channel());
        assertEquals("4127703381920065871", event.channelOrderId());
        assertEquals(OrderState.PAID, event.status());
        assertTotal("492.80", event);
        assertEquals("BED-YD-180-BLU", event.lines().get(0).sku());
        assertEquals("taobao_trade_TradeBuyerPay", IngestDb.text("select topic from raw_payload where id = cast(? as uuid)", event.rawPayloadId()));

        Map<String, String> forged = taobaoQuery(query.get("timestamp"));
        forged.put("sign", TaobaoVerifier.sign("guessed", forged, body));
        taobao(body, forged).then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("sign does not match"));
    }

    @Test
    void aCorrectlySignedButOldTaobaoRequestIsARefusedReplay() {
        // the published vector: a valid signature, but its timestamp is days away from now
        byte[] body = Fixtures.bytes("/fixtures/taobao/tmc-trade-buyer-pay.json");
        Map<String, String> query = taobaoQuery("2026-11-18 20:14:33");
        query.put("sign", "AAE7759AB73BE0BB66AB227195280C1A");
        taobao(body, query).then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("timestamp"));
    }

    // ---- JD and Pinduoduo: forms signed by MD5(secret + sorted pairs + secret)

    private static Response form(String channel, Map<String, String> fields) {
        var request = given().contentType(ContentType.URLENC.withCharset("UTF-8"));
        for (Map.Entry<String, String> f : fields.entrySet()) {
            request = request.formParam(f.getKey(), f.getValue());
        }
        return request.post("/webhooks/" + channel + "/demo");
    }

    @Test
    void jdOrderPostedAsAFormIsIngested() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("app_key", "demo-app");
        fields.put("timestamp", BEIJING.format(Instant.now()));
        fields.put("v", "2.0");
        fields.put("360buy_param_json", Fixtures.text("/fixtures/jd/locked.json"));
        fields.put("sign", FormParamsVerifier.sign(SECRET, fields));
        String id = form("jd", fields).then().statusCode(202).extract().path("globalOrderId");
        OrderIngested event = publishedFor(id);
        assertEquals(OrderState.PAID, event.status());
        assertEquals(java.util.Set.of("RISK_HOLD"), event.conditions());
        assertTotal("1099.00", event);

        fields.put("sign", FormParamsVerifier.sign("guessed", fields));
        form("jd", fields).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void pddOrderPostedAsAFormIsIngested() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", "demo-app");
        fields.put("data_type", "JSON");
        fields.put("message", Fixtures.text("/fixtures/pdd/paid-two-lines.json"));
        fields.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        fields.put("type", "pdd_trade_TradeConfirmed");
        fields.put("sign", FormParamsVerifier.sign(SECRET, fields));
        String id = form("pdd", fields).then().statusCode(202).extract().path("globalOrderId");
        OrderIngested event = publishedFor(id);
        assertEquals("261120-051237749281034", event.channelOrderId());
        assertEquals(OrderState.PAID, event.status());
        assertTotal("86.9", event);
        assertEquals("pdd_trade_TradeConfirmed", IngestDb.text("select topic from raw_payload where id = cast(? as uuid)", event.rawPayloadId()));
    }

    // ---- Douyin: event-sign header, answered the way Douyin needs

    @Test
    void douyinOrderIsIngestedAndAnsweredWithCodeZero() {
        byte[] body = Fixtures.bytes("/fixtures/douyin/partially-shipped.json");
        String id = given().contentType(ContentType.JSON).header("event-sign", DouyinVerifier.sign("demo-app", SECRET, body))
                .body(body).post("/webhooks/douyin/demo")
                .then().statusCode(200).body("code", equalTo(0)).body("msg", equalTo("success"))
                .extract().path("globalOrderId");
        OrderIngested event = publishedFor(id);
        assertEquals(OrderState.PAID, event.status());
        assertEquals(java.util.Set.of("PARTIALLY_SHIPPED"), event.conditions());
        assertTotal("246.00", event);
    }

    @Test
    void aDouyinChangeNotificationWithoutTheOrderIsKeptAndNamesTheOrderToFetch() {
        // the published push vector: signature valid, a thin message (tag 101) without the order's lines
        byte[] body = Fixtures.bytes("/fixtures/douyin/push-trade-paid.json");
        String rawId = given().contentType(ContentType.JSON).header("event-sign", "4f171b1d20023a80007f4e595b53f682")
                .body(body).post("/webhooks/douyin/demo")
                .then().statusCode(200).body("code", equalTo(0))
                .body("notification", equalTo(true))
                .body("channelOrderId", equalTo("6932481057722618741"))
                .body("error", containsString("the order is fetched from douyin's detail API"))
                .body("rawPayloadId", notNullValue())
                .extract().path("rawPayloadId");
        assertEquals("NOTIFICATION", IngestDb.text("select status from raw_payload where id = cast(? as uuid)", rawId));
        given().contentType(ContentType.JSON).header("event-sign", "00000000000000000000000000000000")
                .body(body).post("/webhooks/douyin/demo")
                .then().statusCode(401).contentType("application/problem+json");
    }

    // ---- Xiaohongshu: the hub's X-Hub-Signature convention

    @Test
    void xhsOrderIsIngested() {
        byte[] body = Fixtures.bytes("/fixtures/xhs/shipped.json");
        String id = given().contentType(ContentType.JSON).header("X-Hub-Signature", XhsVerifier.sign(SECRET, body))
                .body(body).post("/webhooks/xhs/demo")
                .then().statusCode(202).extract().path("globalOrderId");
        OrderIngested event = publishedFor(id);
        assertEquals(OrderState.SHIPPED, event.status());
        assertTotal("119.00", event);
        given().header("Authorization", "Bearer " + OrderHubTestResource.token("finance"))
                .get("/channel-orders/xhs/demo/{id}", event.channelOrderId())
                .then().statusCode(200).body("globalOrderId", equalTo(id));
    }
}
