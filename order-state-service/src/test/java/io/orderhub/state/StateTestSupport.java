package io.orderhub.state;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.devstack.test.KafkaTestClient;
import io.orderhub.devstack.test.OrderHubTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** REST, Kafka and database helpers shared by the @QuarkusTests. */
final class StateTestSupport {
    static final Duration WAIT = Duration.ofSeconds(30);

    private StateTestSupport() {
    }

    static String bearer(String role) {
        return "Bearer " + OrderHubTestResource.token(role);
    }

    static ValidatableResponse getOrder(String id) {
        return given().header("Authorization", bearer("ops")).get("/orders/{id}", id).then();
    }

    static String stateOf(String id) {
        var response = given().header("Authorization", bearer("ops")).get("/orders/{id}", id);
        return response.statusCode() == 200 ? response.jsonPath().getString("state") : "HTTP " + response.statusCode();
    }

    static List<Map<String, Object>> timeline(String id) {
        return given().header("Authorization", bearer("cs")).get("/orders/{id}/timeline", id)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static ValidatableResponse act(String role, String id, String action, Map<String, ?> body) {
        var request = given().header("Authorization", bearer(role));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/orders/{id}/actions/{action}", id, action).then();
    }

    static String ingest(KafkaTestClient kafka, OrderIngested snapshot) {
        return kafka.publish(Topics.ORDERS_INGESTED, snapshot.globalOrderId(), EventTypes.ORDER_INGESTED, OrderMother.json(snapshot));
    }

    static String stock(KafkaTestClient kafka, String type, StockChanged change) {
        return kafka.publish(Topics.INVENTORY, change.globalOrderId(), type, OrderMother.json(change));
    }

    static List<KafkaTestClient.Event> lifecycleUntil(KafkaTestClient kafka, String id, String type, long count) {
        return kafka.readSubject(Topics.ORDERS_LIFECYCLE, id, WAIT,
                es -> es.stream().filter(e -> type.equals(e.type())).count() >= count);
    }

    static long ofType(List<KafkaTestClient.Event> events, String type) {
        return events.stream().filter(e -> type.equals(e.type())).count();
    }

    static int count(String sql, String param) {
        var pg = OrderHubTestResource.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean processed(String eventId) {
        return count("select count(*) from inbox_event where event_id = ?", eventId) == 1;
    }
}
