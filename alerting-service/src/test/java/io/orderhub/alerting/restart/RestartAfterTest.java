package io.orderhub.alerting.restart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.devstack.test.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.orderhub.alerting.restart.RestartBeforeTest.PREFIX;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Second half: a new instance of the service (a new Quarkus application, its own scheduler and consumers) on
 * the database, Kafka and receivers the first one used. L2 and L3 fire here, once each and in order; L1 is not
 * fired again, and its webhook delivery that was pending when the first instance died goes out exactly once.
 */
@QuarkusTest
@TestProfile(RestartAfterTest.NewInstance.class)
class RestartAfterTest {
    /** The configuration of the instance that died, with no test resources of its own. */
    public static class NewInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            System.getProperties().forEach((k, v) -> {
                String key = k.toString();
                if (key.startsWith(PREFIX + "cfg.")) {
                    config.put(key.substring((PREFIX + "cfg.").length()), v.toString());
                }
            });
            return config;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void firstHalfRan() throws Exception {
        if (System.getProperty(PREFIX + "order") == null) {
            String why = "RestartBeforeTest must run first, in the same JVM (mvn verify runs both, in that order)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        // the webhook endpoint is back
        HTTP.send(HttpRequest.newBuilder(URI.create(System.getProperty(PREFIX + "receivers") + "/_sim/fail-next?kind=WEBHOOK&count=0"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static long count(String sql, String param) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty(PREFIX + "jdbc"), System.getProperty(PREFIX + "jdbc.user"),
                System.getProperty(PREFIX + "jdbc.password"));
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> webhookTiers(String order) throws Exception {
        JsonNode received = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(System.getProperty(PREFIX + "receivers")
                + "/_sim/received")).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<String> tiers = new ArrayList<>();
        for (JsonNode d : received) {
            if ("WEBHOOK".equals(d.path("kind").asText()) && d.path("accepted").asBoolean()) {
                for (JsonNode a : JSON.readTree(d.path("body").asText()).path("alerts")) {
                    if (order.equals(a.path("globalOrderId").asText())) {
                        tiers.add(a.path("tier").asText());
                    }
                }
            }
        }
        return tiers.stream().sorted().toList();
    }

    @Test
    void theNewInstanceFiresTheRemainingTiersOnceAndNothingTwice() throws Exception {
        String order = System.getProperty(PREFIX + "order");
        String token = System.getProperty(PREFIX + "token");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", token).get("/sla-clocks/{id}", order)
                .then().statusCode(200).extract().<Integer>path("firedTier"), t -> t == 3);
        given().header("Authorization", token).queryParam("globalOrderId", order).get("/alerts").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1)).body("[0].id", org.hamcrest.Matchers.equalTo(System.getProperty(PREFIX + "alert")))
                .body("[0].tier", org.hamcrest.Matchers.equalTo("L3"));

        assertEquals(1, count("select count(*) from outbox_event where subject = ? and type = '" + EventTypes.ALERT_RAISED + "'", order),
                "L1 was raised once, before the restart");
        assertEquals(2, count("select count(*) from outbox_event where subject = ? and type = '" + EventTypes.ALERT_ESCALATED + "'", order),
                "L2 and L3 escalated once each, after it");
        assertEquals(1, count("select count(*) from dispatch where action = 'FREEZE_COUPONS' and payload like ?", "%" + order + "%"));

        try (KafkaTestClient kafka = new KafkaTestClient(System.getProperty(PREFIX + "kafka"))) {
            List<KafkaTestClient.Event> events = kafka.readSubject(Topics.ALERTS, order, Duration.ofSeconds(20), es -> es.size() >= 3);
            assertEquals(List.of(EventTypes.ALERT_RAISED, EventTypes.ALERT_ESCALATED, EventTypes.ALERT_ESCALATED),
                    events.stream().map(KafkaTestClient.Event::type).toList());
            assertEquals(List.of("L1", "L2", "L3"), events.stream().map(e -> {
                try {
                    return JSON.readTree(e.data()).path("tier").asText();
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }).toList());
        }
        // every tier reached the (recovered) webhook exactly once; the L1 delivery that was pending survived the restart
        await().atMost(Duration.ofSeconds(20)).until(() -> webhookTiers(order), t -> t.equals(List.of("L1", "L2", "L3")));
        assertEquals(List.of("L1", "L2", "L3"), webhookTiers(order));
    }
}
