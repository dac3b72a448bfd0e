package io.orderhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.domain.signature.Credential;
import io.orderhub.ingest.domain.signature.DouyinVerifier;
import io.orderhub.ingest.domain.signature.JdVerifier;
import io.orderhub.ingest.domain.signature.PddVerifier;
import io.orderhub.ingest.domain.signature.SignatureVerifier;
import io.orderhub.ingest.domain.signature.TaobaoVerifier;
import io.orderhub.ingest.domain.signature.Verification;
import io.orderhub.ingest.domain.signature.WebhookRequest;
import io.orderhub.ingest.domain.signature.XhsVerifier;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published signature vectors of the Chinese platforms (test resource copies), each verified by the
 * channel's {@link SignatureVerifier} as a request carrying it; and one changed byte makes each fail.
 */
class ChannelSignatureVectorsTest {
    private static final Credential DEMO = new Credential("demo-secret", "demo-app");

    private static JsonNode vector(String channel, String name) {
        for (JsonNode v : Fixtures.json("/vectors/" + channel + ".json").get("vectors")) {
            if (v.get("name").asText().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no vector " + name);
    }

    private static Map<String, String> params(JsonNode v) {
        Map<String, String> p = new LinkedHashMap<>();
        v.get("params").fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
        return p;
    }

    private static void assertVerifies(SignatureVerifier verifier, WebhookRequest request) {
        Verification verdict = verifier.verify(request, DEMO);
        assertTrue(verdict.valid(), verdict.reason());
    }

    private static void assertRejected(SignatureVerifier verifier, WebhookRequest request) {
        Verification verdict = verifier.verify(request, DEMO);
        assertFalse(verdict.valid());
        assertTrue(verdict.reason() != null && !verdict.reason().isBlank());
    }

    // ---- Taobao (TOP)

    @Test
    void taobaoPushWithBodyVector() {
        JsonNode v = vector("taobao", "hub-push-tmc-as-http-md5");
        Map<String, String> query = params(v);
        byte[] body = v.get("raw_body").asText().getBytes(StandardCharsets.UTF_8);
        assertEquals(v.get("raw_body_utf8_bytes").asInt(), body.length);
        assertEquals(v.get("expected").asText(), TaobaoVerifier.sign("demo-secret", query, body));
        query.put("sign", v.get("expected").asText());
        TaobaoVerifier verifier = new TaobaoVerifier();
        assertVerifies(verifier, new WebhookRequest("taobao", "demo", Map.of(), query, body));
        assertRejected(verifier, new WebhookRequest("taobao", "demo", Map.of(), query, tamper(body)));
        assertEquals(Instant.parse("2026-11-18T12:14:33Z"),
                verifier.signedTimestamp(new WebhookRequest("taobao", "demo", Map.of(), query, body)).orElseThrow());
    }

    @Test
    void taobaoApiVectorsForEverySignMethod() {
        TaobaoVerifier verifier = new TaobaoVerifier();
        for (String name : new String[] {"top-api-md5", "top-api-hmac", "top-api-hmac-sha256"}) {
            JsonNode v = vector("taobao", name);
            Map<String, String> query = params(v);
            query.put("sign", v.get("expected").asText());
            assertVerifies(verifier, new WebhookRequest("taobao", "demo", Map.of(), query, new byte[0]));
            query.put("tid", "4127703381920065870");
            assertRejected(verifier, new WebhookRequest("taobao", "demo", Map.of(), query, new byte[0]));
        }
    }

    // ---- JD (JOS) and Pinduoduo (POP): forms

    @Test
    void jdVectorsAsForms() {
        JdVerifier verifier = new JdVerifier();
        for (String name : new String[] {"jos-api-md5", "hub-push-order-change-md5"}) {
            JsonNode v = vector("jd", name);
            Map<String, String> form = params(v);
            form.put("sign", v.get("expected").asText());
            assertVerifies(verifier, formRequest("jd", form));
            form.put("timestamp", form.get("timestamp").replace(":4", ":5"));
            assertRejected(verifier, formRequest("jd", form));
        }
    }

    @Test
    void pddVectorsAsForms() {
        PddVerifier verifier = new PddVerifier();
        for (String name : new String[] {"pop-api-md5", "hub-push-pmc-as-form-md5"}) {
            JsonNode v = vector("pdd", name);
            Map<String, String> form = params(v);
            form.put("sign", v.get("expected").asText());
            assertVerifies(verifier, formRequest("pdd", form));
            assertEquals(Instant.ofEpochSecond(Long.parseLong(form.get("timestamp"))),
                    verifier.signedTimestamp(formRequest("pdd", form)).orElseThrow());
            form.put("client_id", "someone-else");
            assertRejected(verifier, formRequest("pdd", form));
        }
    }

    // ---- Douyin push

    @Test
    void douyinPushMd5Vector() {
        JsonNode v = vector("douyin", "push-event-sign-md5");
        byte[] body = v.get("raw_body").asText().getBytes(StandardCharsets.UTF_8);
        assertEquals(v.get("raw_body_utf8_bytes").asInt(), body.length);
        assertEquals(v.get("expected").asText(), DouyinVerifier.sign("demo-app", "demo-secret", body));
        DouyinVerifier verifier = new DouyinVerifier();
        assertVerifies(verifier, new WebhookRequest("douyin", "demo", Map.of("event-sign", v.get("expected").asText()), Map.of(), body));
        assertRejected(verifier, new WebhookRequest("douyin", "demo", Map.of("event-sign", v.get("expected").asText()), Map.of(), tamper(body)));
        assertRejected(verifier, new WebhookRequest("douyin", "demo", Map.of(), Map.of(), body));
    }

    @Test
    void douyinPushHmacVector() {
        JsonNode v = vector("douyin", "push-event-sign-hmac-sha256");
        byte[] body = Fixtures.bytes("/fixtures/douyin/" + v.get("raw_body_file").asText());
        DouyinVerifier verifier = new DouyinVerifier();
        assertVerifies(verifier, new WebhookRequest("douyin", "demo",
                Map.of("event-sign", v.get("expected").asText(), "sign-method", "hmac-sha256"), Map.of(), body));
        assertRejected(verifier, new WebhookRequest("douyin", "demo",
                Map.of("event-sign", v.get("expected").asText()), Map.of(), body)); // read as MD5
    }

    // ---- Xiaohongshu (hub convention)

    @Test
    void xhsHubPushVector() {
        JsonNode v = vector("xhs", "hub-push-hmac-sha256");
        byte[] body = Fixtures.bytes("/fixtures/xhs/" + v.get("body_file").asText());
        assertEquals(v.get("raw_body").asText(), new String(body, StandardCharsets.UTF_8), "fixture = the vector's exact body");
        assertEquals(v.get("expected").asText(), XhsVerifier.sign("demo-secret", body));
        XhsVerifier verifier = new XhsVerifier();
        assertVerifies(verifier, new WebhookRequest("xhs", "demo", Map.of("X-Hub-Signature", v.get("expected").asText()), Map.of(), body));
        assertRejected(verifier, new WebhookRequest("xhs", "demo", Map.of("X-Hub-Signature", v.get("expected").asText()), Map.of(), tamper(body)));
    }

    static WebhookRequest formRequest(String channel, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, val) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(val, StandardCharsets.UTF_8)));
        return new WebhookRequest(channel, "demo", Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of(),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] tamper(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length / 2] = (byte) (copy[copy.length / 2] == '1' ? '2' : '1');
        return copy;
    }
}
