package io.orderhub.state;

import io.orderhub.devstack.sim.marketplace.Signing;
import io.orderhub.state.client.ApiSigning;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The write-back to a retailer's app is signed as documented for app developers (order-ingest-service/README.md,
 * "Shipment write-back the app serves"): the worked example there, and the same scheme the app uses for its pushes.
 */
class AppWriteBackSignatureTest {
    private static final String BODY = "{\"order_id\":\"MP2026112200123\",\"carrier\":\"SF\",\"tracking_number\":\"SF1400000001\","
            + "\"shipped_at\":\"2026-11-22T03:02:11Z\"}";

    @Test
    void theDocumentedExampleSignsAsPublished() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertEquals(114, body.length);
        assertEquals("79ef8d0994125e1c98034c2c4648b7bb5cb1c819a513eb6f692d66e54ce1842f",
                ApiSigning.app("demo-secret", "1795316540", body));
    }

    @Test
    void theHubSignsAsTheAppDoesAndTheTimestampIsSigned() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertEquals(Signing.appSignature("demo-secret", "1795316540", body), ApiSigning.app("demo-secret", "1795316540", body));
        assertNotEquals(ApiSigning.app("demo-secret", "1795316540", body), ApiSigning.app("demo-secret", "1795316541", body));
    }
}
