package io.orderhub.devstack.sim.marketplace;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP request to a simulated platform, read once: path, query, lower-case headers, body and (if a form) its fields. */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

    static ApiRequest read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ApiRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getRawPath() == null
                ? "/" : URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8),
                decodeForm(exchange.getRequestURI().getRawQuery()), Collections.unmodifiableMap(headers), body);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isForm() {
        String type = header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** Query parameters and, for a form post, its fields (the form wins). */
    public Map<String, String> params() {
        Map<String, String> all = new LinkedHashMap<>(query);
        if (isForm()) {
            all.putAll(decodeForm(bodyText()));
        }
        return all;
    }

    static Map<String, String> decodeForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
