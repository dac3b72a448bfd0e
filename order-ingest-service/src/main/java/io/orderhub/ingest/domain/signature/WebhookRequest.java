package io.orderhub.ingest.domain.signature;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A platform's push as received: header names lower-cased, query parameters, and the raw body bytes
 * that signatures are computed over (never a re-serialised copy).
 */
public record WebhookRequest(String channel, String shop, Map<String, String> headers, Map<String, String> query,
        byte[] body) {

    public WebhookRequest {
        Map<String, String> lower = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        }
        headers = Collections.unmodifiableMap(lower);
        query = query == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(query));
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isForm() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The body read as {@code application/x-www-form-urlencoded} (JD and PDD pushes). */
    public Map<String, String> form() {
        Map<String, String> form = new TreeMap<>();
        String text = bodyText();
        if (text.isBlank()) {
            return form;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }
}
