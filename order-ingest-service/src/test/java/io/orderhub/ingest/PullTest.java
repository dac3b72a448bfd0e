package io.orderhub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.devstack.sim.marketplace.Delivery;
import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.orderhub.devstack.sim.marketplace.SimOrder;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.orderhub.ingest.IngestDb.count;
import static io.orderhub.ingest.IngestDb.text;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled pull against the marketplace simulator (every platform's real list API, signed): it catches what
 * webhooks missed, keeps a watermark per channel + shop, survives a platform outage without losing its place, and
 * meets a webhook of the same order at the same moment with one global id and one event.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MarketplaceSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PullTest {
    private static KafkaTestClient kafka;
    private MarketplaceSimulator sim;

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

    @BeforeEach
    void aim() {
        sim = MarketplaceSimulatorResource.target(RestAssured.port);
    }

    private static String ops() {
        return "Bearer " + OrderHubTestResource.token("ops");
    }

    /** The global id of a channel order once the hub knows it. */
    private static String awaitGlobalId(String channel, String orderId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response r = given().header("Authorization", ops()).get("/channel-orders/{c}/demo/{id}", channel, orderId);
            id[0] = r.statusCode() == 200 ? r.path("globalOrderId") : null;
            return id[0] != null;
        });
        return id[0];
    }

    private static int publishedEvents(String globalOrderId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("select count(*) from outbox_event where subject = ? and published_at is null", globalOrderId) == 0);
        return count("select count(*) from outbox_event where subject = ?", globalOrderId);
    }

    private OrderIngested event(String globalOrderId) throws Exception {
        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ORDERS_INGESTED, globalOrderId, Duration.ofSeconds(30),
                es -> !es.isEmpty());
        assertEquals(1, events.size(), "one event for " + globalOrderId);
        return mapper.readValue(events.get(0).data(), OrderIngested.class);
    }

    /** A manual pull, waiting out a scheduled run that holds the shop's lease (409). */
    private static Response pullNow(String channel) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = given().header("Authorization", ops()).post("/pulls/{c}/demo", channel);
            return last[0].statusCode() != 409;
        });
        return last[0];
    }

    @Test
    void ordersWhoseWebhooksWereMissedArriveByThePullOnEveryChannel() throws Exception {
        Map<String, SimOrder> created = new HashMap<>();
        for (String channel : MarketplaceSimulator.ALL_CHANNELS) {
            created.put(channel, sim.createOrder(channel, "demo")); // never pushed: the webhook was "missed"
        }
        // page size 2 in tests: more orders than one page on one channel
        SimOrder second = sim.createOrder("taobao", "demo");
        SimOrder third = sim.createOrder("taobao", "demo");

        for (Map.Entry<String, SimOrder> e : created.entrySet()) {
            String channel = e.getKey();
            SimOrder o = e.getValue();
            String globalId = awaitGlobalId(channel, o.orderId());
            OrderIngested event = event(globalId);
            assertEquals(channel, event.channel());
            assertEquals(o.orderId(), event.channelOrderId());
            assertEquals(OrderState.PAID, event.status());
            assertEquals(0, BigDecimal.valueOf(o.totalMinor(), 2).compareTo(event.total().amount()), channel + " " + event.total());
            assertEquals(o.lines().size(), event.lines().size());
            assertEquals(o.lines().get(0).sku(), event.lines().get(0).sku());
            assertEquals("PULL", text("select source from raw_payload where id = cast(? as uuid)", event.rawPayloadId()));
            assertEquals(1, publishedEvents(globalId), channel + ": pulled again and again (overlap), published once");
        }
        awaitGlobalId("taobao", second.orderId());
        awaitGlobalId("taobao", third.orderId());
        // Xiaohongshu lists summaries only: each order was fetched with order.getOrderDetail
        assertTrue(sim.apiCalls().stream().anyMatch(c -> c.api().equals("order.getOrderDetail") && c.status() == 200));

        // every channel's demo shop has a watermark close to now
        List<Map<String, Object>> states = given().header("Authorization", ops()).get("/pulls")
                .then().statusCode(200).extract().path("$");
        for (String channel : MarketplaceSimulator.ALL_CHANNELS) {
            Map<String, Object> state = states.stream().filter(s -> channel.equals(s.get("channel")) && "demo".equals(s.get("shop")))
                    .findFirst().orElseThrow(() -> new AssertionError("no watermark for " + channel + ": " + states));
            assertNotNull(state.get("watermark"), channel);
            assertTrue(Instant.parse((String) state.get("watermark")).isAfter(Instant.now().minusSeconds(60)), channel + " " + state);
        }
    }

    @Test
    void theSameOrderByWebhookAndPullAtTheSameMomentIsOneOrderAndOneEvent() throws Exception {
        for (String channel : List.of("taobao", "xhs", "shopify")) {
            SimOrder o = sim.createOrder(channel, "demo");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            try {
                CompletableFuture<List<Delivery>> pushes = CompletableFuture.supplyAsync(() -> {
                    waitFor(go);
                    return sim.pushConcurrently(channel, "demo", o.orderId(), 3, false);
                }, pool);
                CompletableFuture<Response> pull = CompletableFuture.supplyAsync(() -> {
                    waitFor(go);
                    return pullNow(channel);
                }, pool);
                go.countDown();
                List<String> ids = new ArrayList<>();
                for (Delivery d : pushes.get()) {
                    assertEquals(202, d.status(), d.answer());
                    ids.add(mapper.readTree(d.answer()).path("globalOrderId").asText());
                }
                assertEquals(200, pull.get().statusCode(), pull.get().asString());
                String globalId = awaitGlobalId(channel, o.orderId());
                ids.add(globalId);
                assertEquals(1, ids.stream().distinct().count(), channel + ": one global id: " + ids);
                assertEquals(1, publishedEvents(globalId), channel + ": one event");
                assertEquals(1, count("select count(*) from raw_payload where global_order_id = ? and status = 'PROCESSED'", globalId));
                assertTrue(count("select count(*) from raw_payload where global_order_id = ? and source = 'PULL'", globalId) >= 1,
                        channel + ": the pull stored its copy too");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPlatformOutageKeepsTheWatermarkAndTheNextRunCatchesUp() {
        pullNow("jd").then().statusCode(200);
        String before = text("select watermark::text from pull_watermark where channel = 'jd' and shop = 'demo'", null);
        assertNotNull(before);

        sim.failPulls("jd", 1000);
        SimOrder o = sim.createOrder("jd", "demo");
        pullNow("jd").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("unavailable"))
                .body("detail", containsString("the watermark stays"));
        assertEquals(before, text("select watermark::text from pull_watermark where channel = 'jd' and shop = 'demo'", null));
        given().header("Authorization", ops()).get("/pulls").then().statusCode(200)
                .body("find { it.channel == 'jd' && it.shop == 'demo' }.lastError", containsString("unavailable"));
        assertEquals(404, given().header("Authorization", ops()).get("/channel-orders/jd/demo/{id}", o.orderId()).statusCode());

        sim.failPulls("jd", 0);
        // once the platform is back (and the breaker lets calls through again) the order arrives
        String globalId = awaitGlobalId("jd", o.orderId());
        assertEquals(1, publishedEvents(globalId));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String after = text("select watermark::text from pull_watermark where channel = 'jd' and shop = 'demo'", null);
            return after != null && !after.equals(before);
        });
        given().header("Authorization", "Bearer " + OrderHubTestResource.token("cs")).get("/pulls").then().statusCode(403);
    }

    @Test
    void aPlatformRefusingTheShopsTokenIsSaidAndNotRetried() {
        sim.shop("demo", "rotated-token"); // the shop's token was rotated on the platform side
        try {
            java.time.Instant start = java.time.Instant.now();
            pullNow("shopify").then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("refused the shop's credentials (HTTP 401)"))
                    .body("detail", containsString("check the shop's access token"));
            // a retried pull asks three times (2 retries, 300 ± 100 ms apart): three refusals within 900 ms. Single
            // pulls cannot make that: the 2 s schedule may pull right before or after this one (one lease per shop
            // keeps them apart, not far apart), so any 900 ms hold at most this pull's refusal and one scheduled one
            List<java.time.Instant> refusals = sim.apiCalls().stream()
                    .filter(c -> c.channel().equals("shopify") && c.status() == 401 && !c.at().isBefore(start))
                    .map(MarketplaceSimulator.ApiCall::at).sorted().toList();
            assertFalse(refusals.isEmpty(), "the pull asked the platform");
            for (int i = 2; i < refusals.size(); i++) {
                assertTrue(java.time.Duration.between(refusals.get(i - 2), refusals.get(i)).toMillis() >= 900,
                        "a refusal is not retried: " + refusals);
            }
        } finally {
            sim.shop("demo", "demo-token");
        }
    }

    /** The platform's per-order detail API that a thin notification's order is fetched with. */
    private static final Map<String, String> DETAIL_APIS = Map.of("taobao", "taobao.trade.fullinfo.get",
            "pdd", "pdd.order.information.get", "douyin", "order.orderDetail", "jd", "jingdong.pop.order.get");

    @Test
    void aThinChangeNotificationFetchesTheOneOrderItNames() {
        for (String channel : List.of("taobao", "pdd", "douyin", "jd")) {
            String detailApi = DETAIL_APIS.get(channel);
            SimOrder o = sim.createOrder(channel, "demo");
            Delivery d = sim.pushNotification(channel, "demo", o.orderId());
            assertTrue(d.notification(), channel);
            assertTrue(d.accepted(), channel + ": " + d.answer());
            assertTrue(d.answer().contains("\"notification\":true"), d.answer());
            assertTrue(d.answer().contains(o.orderId()), d.answer());
            String globalId = awaitGlobalId(channel, o.orderId());
            assertEquals(1, publishedEvents(globalId));
            assertEquals(1, count("select count(*) from raw_payload where channel = '" + channel + "' and status = 'NOTIFICATION' "
                    + "and channel_order_id = ?", o.orderId()));
            // the order named was fetched from the detail API (the scheduled list pull never calls it) and stored as
            // that API answered it
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from raw_payload where channel = '" + channel
                    + "' and topic = 'pull:" + detailApi + "' and channel_order_id = ?", o.orderId()) >= 1);
            assertTrue(sim.apiCalls().stream().anyMatch(c -> c.channel().equals(channel) && c.api().equals(detailApi) && c.status() == 200),
                    channel + " " + detailApi + " called");
        }
    }
}
