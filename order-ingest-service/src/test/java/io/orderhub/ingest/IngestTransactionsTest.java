package io.orderhub.ingest;

import io.orderhub.devstack.test.OrderHubTestResource;
import io.orderhub.ingest.domain.signature.ShopifyVerifier;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.orderhub.ingest.IngestDb.count;
import static io.orderhub.ingest.IngestDb.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How many transactions a webhook costs, counted by PostgreSQL itself: every transaction that writes gets a transaction
 * id, so the server's next transaction id ({@code pg_snapshot_xmax(pg_current_snapshot())}, read without taking one)
 * before and after one webhook tells how many writing transactions it committed. The embedded PostgreSQL belongs to
 * this test JVM and the profile stops every background writer of the service (outbox relay, retention, pull, sweep,
 * unknown-field flush); an autovacuum ANALYZE could still take an id meanwhile, so the smallest of a few tries is
 * asserted (noise only adds, never removes).
 */
@QuarkusTest
@TestProfile(IngestTransactionsTest.QuietBackground.class)
@WithTestResource(value = OrderHubTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = MarketplaceSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IngestTransactionsTest {
    private static final AtomicLong NEXT_ID = new AtomicLong(8_000_000_000_000L + (System.nanoTime() % 1_000_000L) * 1000);

    /** No background writer: only the request under test writes to the database. */
    public static class QuietBackground implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "orderhub.outbox.enabled", "false",
                    "orderhub.retention.enabled", "false",
                    "orderhub.ingest.pull.enabled", "false",
                    "orderhub.ingest.sweep-interval", "1h",
                    "orderhub.ingest.unknown-fields-flush", "1h");
        }
    }

    private static Response post(byte[] body, String webhookId) {
        return given().contentType(ContentType.JSON)
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Shop-Domain", "sanshan-studio.myshopify.com")
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Hmac-Sha256", ShopifyVerifier.sign("demo-secret", body))
                .body(body).post("/webhooks/shopify/demo");
    }

    /** The next transaction id of the server: read-only, it takes none itself. */
    private static long nextXid() {
        return Long.parseLong(text("select pg_snapshot_xmax(pg_current_snapshot())::text", null));
    }

    private static void execute(String sql) {
        var pg = OrderHubTestResource.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Test
    void aFreshValidWebhookCommitsExactlyOneTransaction() {
        // warm up: the shop's credential and the mapping are cached, as on any busy replica
        post(ShopifyOrders.paidOrder(NEXT_ID.incrementAndGet()), UUID.randomUUID().toString())
                .then().statusCode(202).body("duplicate", equalTo(false)).body("quarantined", nullValue());

        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && fewest != 1; attempt++) {
            String webhookId = UUID.randomUUID().toString();
            long before = nextXid();
            post(ShopifyOrders.paidOrder(NEXT_ID.incrementAndGet()), webhookId)
                    .then().statusCode(202)
                    .body("duplicate", equalTo(false))
                    .body("quarantined", nullValue());
            long transactions = nextXid() - before;
            fewest = Math.min(fewest, transactions);
            // what the one transaction wrote: the raw row with its final status, and the event
            assertEquals("PROCESSED", text("select status from raw_payload where delivery_id = ?", webhookId));
            assertEquals("1", text("select attempts::text from raw_payload where delivery_id = ?", webhookId));
            assertEquals(1, count("select count(*) from outbox_event e join raw_payload r on e.subject = r.global_order_id "
                    + "where r.delivery_id = ?", webhookId));
        }
        assertEquals(1, fewest, "writing transactions committed for one fresh valid webhook");
    }

    @Test
    void aReDeliveryIsStillAnsweredAsADuplicateWithoutPublishingAgain() {
        byte[] body = ShopifyOrders.paidOrder(NEXT_ID.incrementAndGet());
        String webhookId = UUID.randomUUID().toString();
        String globalId = post(body, webhookId).then().statusCode(202).body("duplicate", equalTo(false))
                .extract().path("globalOrderId");
        post(body, webhookId).then().statusCode(202)
                .body("duplicate", equalTo(true))
                .body("globalOrderId", equalTo(globalId));
        assertEquals(1, count("select count(*) from raw_payload where delivery_id = ?", webhookId));
        assertEquals(1, count("select count(*) from outbox_event where subject = ?", globalId));
    }

    @Test
    void theRawBodyIsStoredWhenProcessingFails() {
        long id = NEXT_ID.incrementAndGet();
        byte[] body = ShopifyOrders.paidOrder(id);
        String webhookId = UUID.randomUUID().toString();
        // the database refuses this one order's identity: the one transaction fails, and so does processing after it
        execute("create or replace function ingest_test_refuse() returns trigger language plpgsql as $$ begin "
                + "if new.channel_order_id = '" + id + "' then raise exception 'refused for the test'; end if; return new; end $$");
        execute("create trigger ingest_test_refuse before insert on channel_order for each row execute function ingest_test_refuse()");
        try {
            post(body, webhookId).then().statusCode(greaterThanOrEqualTo(500));
        } finally {
            execute("drop trigger if exists ingest_test_refuse on channel_order");
            execute("drop function if exists ingest_test_refuse()");
        }
        // stored before it was processed: the body is kept, RECEIVED, for a re-delivery or the sweep
        assertEquals("RECEIVED", text("select status from raw_payload where delivery_id = ?", webhookId));
        assertEquals(new String(body, StandardCharsets.UTF_8), text("select body from raw_payload where delivery_id = ?", webhookId));

        // the platform's retry processes the stored payload
        post(body, webhookId).then().statusCode(202)
                .body("duplicate", equalTo(true))
                .body("quarantined", nullValue());
        assertEquals("PROCESSED", text("select status from raw_payload where delivery_id = ?", webhookId));
        assertEquals(1, count("select count(*) from raw_payload where delivery_id = ?", webhookId));
    }
}
