package io.orderhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.domain.signature.Credential;
import io.orderhub.ingest.domain.signature.ShopifyVerifier;
import io.orderhub.ingest.domain.signature.Verification;
import io.orderhub.ingest.domain.signature.WebhookRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published Shopify vectors (test resource copy), reproduced from the body bytes. */
class ShopifySignatureTest {
    private static final String PUBLISHED = "ORIcjPF5qm8huyKNOwvu/SvSslh8duf4/dpTRtBsQ3o=";
    private static final Credential DEMO = new Credential("demo-secret", "demo-app");
    private final ShopifyVerifier verifier = new ShopifyVerifier();

    @Test
    void ordersCreateVectorIsReproducedFromTheFixtureBytes() {
        byte[] body = ShopifyOrders.paidOrder();
        assertEquals(PUBLISHED, ShopifyVerifier.sign("demo-secret", body));
        assertTrue(verifier.verify(request(body, PUBLISHED), DEMO).valid());
    }

    @Test
    void everyPublishedVectorVerifies() {
        JsonNode vectors = Fixtures.json("/vectors/shopify.json").get("vectors");
        assertEquals(2, vectors.size());
        for (JsonNode v : vectors) {
            byte[] body = v.get("raw_body").asText().getBytes(StandardCharsets.UTF_8);
            assertEquals(v.get("raw_body_utf8_bytes").asInt(), body.length, v.get("name").asText());
            assertEquals(v.get("expected").asText(), ShopifyVerifier.sign(v.get("hmac_key").asText(), body), v.get("name").asText());
            assertArrayEquals(body, Fixtures.bytes("/fixtures/shopify/" + v.get("body_file").asText()),
                    "the fixture is the exact compact body of " + v.get("name").asText());
        }
    }

    @Test
    void oneChangedByteIsRejected() {
        byte[] body = ShopifyOrders.paidOrder();
        byte[] tampered = Arrays.copyOf(body, body.length);
        int at = new String(body, StandardCharsets.UTF_8).indexOf("95.72");
        tampered[at] = '1'; // "15.72"
        Verification verdict = verifier.verify(request(tampered, PUBLISHED), DEMO);
        assertFalse(verdict.valid());
        assertTrue(verdict.reason().contains("does not match"), verdict.reason());
    }

    @Test
    void anotherSecretIsRejected() {
        assertFalse(verifier.verify(request(ShopifyOrders.paidOrder(), PUBLISHED), new Credential("other-secret", null)).valid());
    }

    @Test
    void missingOrGarbledHeaderIsRejectedWithWhatToSend() {
        Verification missing = verifier.verify(new WebhookRequest("shopify", "demo", Map.of(), Map.of(), ShopifyOrders.paidOrder()), DEMO);
        assertFalse(missing.valid());
        assertTrue(missing.reason().contains("X-Shopify-Hmac-Sha256"), missing.reason());
        assertFalse(verifier.verify(request(ShopifyOrders.paidOrder(), "not base64!"), DEMO).valid());
        assertFalse(verifier.verify(request(ShopifyOrders.paidOrder(), "AAAA"), DEMO).valid(), "a short digest never matches");
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        WebhookRequest lower = new WebhookRequest("shopify", "demo", Map.of("x-shopify-hmac-sha256", PUBLISHED), Map.of(),
                ShopifyOrders.paidOrder());
        assertTrue(verifier.verify(lower, DEMO).valid());
    }

    private static WebhookRequest request(byte[] body, String hmac) {
        return new WebhookRequest("shopify", "demo", Map.of("X-Shopify-Hmac-Sha256", hmac), Map.of(), body);
    }
}
