package io.orderhub.devstack.sim.marketplace;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulated platform answers: status, content type, body and extra headers (e.g. Shopify's {@code Link}). */
public record ApiAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static ApiAnswer json(int status, String json) {
        return new ApiAnswer(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public ApiAnswer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiAnswer(status, contentType, body, h);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
