package io.orderhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.OrderState;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.devstack.sim.marketplace.Delivery;
import io.orderhub.devstack.sim.marketplace.MarketplaceSimulator;
import io.orderhub.devstack.sim.marketplace.SimOrder;
import io.orderhub.devstack.sim.marketplace.Snapshot;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.ingest.domain.GlobalOrderIds;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.orderhub.ingest.IngestDb.count;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The marketplace simulator pushing signed webhooks in each platform's own format: one order from each channel
 * arrives with its global id; duplicates, late and out-of-order deliveries never publish twice nor let an older
 * update win.
 */
@QuarkusTest
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MarketplaceSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SimulatorWebhooksTest {
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

    private JsonNode answer(Delivery d) throws Exception {
        assertTrue(d.accepted(), d.channel() + " answered " + d.status() + ": " + d.answer());
        return mapper.readTree(d.answer());
    }

    private List<OrderIngested> events(String globalOrderId, int expected) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("select count(*) from outbox_event where subject = ? and published_at is null", globalOrderId) == 0);
        assertEquals(expected, count("select count(*) from outbox_event where subject = ?", globalOrderId), "events of " + globalOrderId);
        List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ORDERS_INGESTED, globalOrderId, Duration.ofSeconds(30),
                es -> es.size() >= expected);
        List<OrderIngested> out = new java.util.ArrayList<>();
        for (KafkaTestClient.Event e : events) {
            out.add(mapper.readValue(e.data(), OrderIngested.class));
        }
        return out;
    }

    @Test
    void oneOrderFromEachChannelArrivesWithItsGlobalId() throws Exception {
        for (String channel : MarketplaceSimulator.ALL_CHANNELS) {
            SimOrder o = sim.createOrder(channel, "demo");
            Delivery d = sim.push(channel, "demo", o.orderId());
            JsonNode answer = answer(d);
            if (channel.equals("douyin")) {
                assertEquals(0, answer.path("code").asInt(), "Douyin needs code 0");
            } else {
                assertEquals(202, d.status());
            }
            String globalId = answer.path("globalOrderId").asText();
            assertTrue(GlobalOrderIds.isValid(globalId), channel + ": " + globalId);
            assertFalse(answer.path("duplicate").asBoolean());
            OrderIngested event = events(globalId, 1).get(0);
            assertEquals(o.orderId(), event.channelOrderId());
            assertEquals(OrderState.PAID, event.status());
        }
    }

    @Test
    void retriedDeliveriesArePublishedOnce() throws Exception {
        for (String channel : List.of("shopify", "pdd", "douyin", "app")) {
            SimOrder o = sim.createOrder(channel, "demo");
            List<Delivery> deliveries = sim.pushDuplicates(channel, "demo", o.orderId(), 3);
            String globalId = answer(deliveries.get(0)).path("globalOrderId").asText();
            assertFalse(answer(deliveries.get(0)).path("duplicate").asBoolean());
            for (Delivery retry : deliveries.subList(1, 3)) {
                assertEquals(globalId, answer(retry).path("globalOrderId").asText());
                assertTrue(answer(retry).path("duplicate").asBoolean(), channel);
            }
            assertEquals(1, events(globalId, 1).size());
        }
    }

    @Test
    void outOfOrderAndLateDeliveriesNeverLetAnOlderUpdateWin() throws Exception {
        for (String channel : List.of("taobao", "jd", "xhs", "app")) {
            SimOrder o = sim.createOrder(channel, "demo");
            sim.update(channel, "demo", o.orderId(), x -> x.shipped("SF", "SF" + o.orderId().replaceAll("\\D", "")));
            // newest first: the shipped version is published, the paid one arrives after it and is stale
            List<Delivery> burst = sim.pushOutOfOrder(channel, "demo", o.orderId());
            String globalId = answer(burst.get(0)).path("globalOrderId").asText();
            assertTrue(answer(burst.get(1)).path("stale").asBoolean(), channel + ": " + burst.get(1).answer());
            // and a late copy of the first version, a few hundred ms later, is stale too
            Snapshot first = sim.history(channel, "demo", o.orderId()).get(0);
            Delivery late = sim.pushLate(first, Duration.ofMillis(300)).get();
            assertTrue(answer(late).path("stale").asBoolean(), channel + ": " + late.answer());
            List<OrderIngested> events = events(globalId, 1);
            assertEquals(OrderState.SHIPPED, events.get(0).status(), channel);
        }
    }
}
