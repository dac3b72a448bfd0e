package io.orderhub.ingest;

import io.orderhub.ingest.domain.signature.AppVerifier;
import io.orderhub.ingest.domain.signature.Credential;
import io.orderhub.ingest.domain.signature.Verification;
import io.orderhub.ingest.domain.signature.WebhookRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic channel's signature: the README's worked example, and what is refused. */
class AppSignatureTest {
    /** README "The generic channel", worked example: secret demo-secret, timestamp 1795313765, readme-example.json. */
    static final String README_TIMESTAMP = "1795313765";
    static final String README_SIGNATURE = "a99ff3cec587dbf9c018029ce188edc1cf6911b68adc50ccc683aba884ebd362";

    private final AppVerifier verifier = new AppVerifier();
    private final Credential shop = new Credential("demo-secret", "demo-app");

    private static WebhookRequest request(String timestamp, String signature, byte[] body) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Content-Type", "application/json");
        if (timestamp != null) {
            headers.put(AppVerifier.TIMESTAMP, timestamp);
        }
        if (signature != null) {
            headers.put(AppVerifier.SIGNATURE, signature);
        }
        return new WebhookRequest("app", "demo", headers, Map.of(), body);
    }

    @Test
    void theReadmeWorkedExampleIsReproduced() throws Exception {
        byte[] body = Fixtures.bytes("/fixtures/app/readme-example.json");
        assertEquals(444, body.length, "the example body is the exact bytes the README shows, without a trailing newline");
        assertEquals(README_SIGNATURE, AppVerifier.sign("demo-secret", README_TIMESTAMP, body));
        assertTrue(verifier.verify(request(README_TIMESTAMP, README_SIGNATURE, body), shop).valid());
        // the README shows the same body, timestamp and signature (the lines an app developer copies)
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(new String(body, StandardCharsets.UTF_8)), "README shows the example body verbatim");
        assertTrue(readme.contains(README_TIMESTAMP) && readme.contains(README_SIGNATURE), "README shows timestamp and signature");
        assertEquals(Instant.parse("2026-11-22T02:16:05Z"), verifier.signedTimestamp(request(README_TIMESTAMP, null, body)).orElseThrow());
    }

    @Test
    void upperCaseHexIsAcceptedToo() {
        byte[] body = Fixtures.bytes("/fixtures/app/readme-example.json");
        assertTrue(verifier.verify(request(README_TIMESTAMP, README_SIGNATURE.toUpperCase(), body), shop).valid());
    }

    @Test
    void aChangedBodyTimestampOrSecretDoesNotVerify() {
        byte[] body = Fixtures.bytes("/fixtures/app/readme-example.json");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"386.00\"", "\"3.86\"").getBytes(StandardCharsets.UTF_8);
        Verification changedBody = verifier.verify(request(README_TIMESTAMP, README_SIGNATURE, tampered), shop);
        assertFalse(changedBody.valid());
        assertTrue(changedBody.reason().contains("does not match"), changedBody.reason());
        // the timestamp is signed: moving it (to get past the window) breaks the signature
        assertFalse(verifier.verify(request("1795313999", README_SIGNATURE, body), shop).valid());
        assertFalse(verifier.verify(request(README_TIMESTAMP, README_SIGNATURE, body), new Credential("other-secret", "demo-app")).valid());
        // signed over the body alone (the Shopify/XHS habit) is not this scheme
        assertFalse(verifier.verify(request(README_TIMESTAMP, io.orderhub.ingest.domain.signature.XhsVerifier.sign("demo-secret", body),
                body), shop).valid());
    }

    @Test
    void missingHeadersAreNamedWithHowToComputeThem() {
        byte[] body = Fixtures.bytes("/fixtures/app/readme-example.json");
        Verification noTimestamp = verifier.verify(request(null, README_SIGNATURE, body), shop);
        assertFalse(noTimestamp.valid());
        assertTrue(noTimestamp.reason().contains("X-OrderHub-Timestamp"), noTimestamp.reason());
        Verification millis = verifier.verify(request("2026-11-22T02:16:05Z", README_SIGNATURE, body), shop);
        assertFalse(millis.valid(), "an ISO time instead of Unix seconds");
        Verification noSignature = verifier.verify(request(README_TIMESTAMP, null, body), shop);
        assertFalse(noSignature.valid());
        assertTrue(noSignature.reason().contains("HMAC-SHA256"), noSignature.reason());
        assertFalse(verifier.verify(request(README_TIMESTAMP, "not-hex", body), shop).valid());
    }

    @Test
    void theWindowIsFiveMinutesWhateverTheOtherChannelsTolerate() {
        assertEquals(Duration.ofMinutes(5), verifier.timestampWindow(Duration.ofMinutes(15)));
    }
}
