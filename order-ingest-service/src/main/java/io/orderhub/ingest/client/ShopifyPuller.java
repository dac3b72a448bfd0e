package io.orderhub.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify Admin REST {@code GET /admin/api/2026-10/orders.json?status=any&updated_at_min=…&updated_at_max=…}, paged by
 * cursor ({@code Link: <…page_info=…>; rel="next"}; a cursor page takes only {@code limit} and {@code page_info}),
 * authenticated with {@code X-Shopify-Access-Token}. An entry is the Order resource itself, as a webhook carries it.
 */
@ApplicationScoped
public class ShopifyPuller implements OrderPuller {
    static final String VERSION = "2026-10";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    @Override
    public String channel() {
        return Channels.SHOPIFY;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(30);
    }

    @Override
    public String api() {
        return "orders.json";
    }

    private static String url(Shop shop) {
        return Pullers.base(shop.baseUrl()) + "/admin/api/" + VERSION + "/orders.json";
    }

    @Override
    public PlatformCall firstPage(Shop shop, Instant from, Instant to) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("status", "any");
        q.put("updated_at_min", from.truncatedTo(ChronoUnit.SECONDS).toString());
        q.put("updated_at_max", to.truncatedTo(ChronoUnit.SECONDS).toString());
        q.put("limit", String.valueOf(Math.min(250, shop.pageSize())));
        q.put("order", "updated_at asc");
        return PlatformCall.get(channel(), api(), url(shop), q, shop.accessToken());
    }

    @Override
    public Page page(Shop shop, Instant from, Instant to, PlatformCall call, JsonNode answer, PlatformResponse response) {
        PlatformCall next = null;
        String link = response.header("Link");
        if (link != null) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                String cursor = null;
                for (String pair : m.group(1).substring(m.group(1).indexOf('?') + 1).split("&")) {
                    if (pair.startsWith("page_info=")) {
                        cursor = URLDecoder.decode(pair.substring("page_info=".length()), StandardCharsets.UTF_8);
                    }
                }
                if (cursor != null) {
                    next = PlatformCall.get(channel(), api(), url(shop), Map.of("limit", call.query().getOrDefault("limit", "50"),
                            "page_info", cursor), shop.accessToken());
                }
            }
        }
        return new Page(Pullers.list(answer.get("orders")), next);
    }

    @Override
    public PlatformCall fetch(Shop shop, String orderId) {
        return PlatformCall.get(channel(), "orders/{id}.json", Pullers.base(shop.baseUrl()) + "/admin/api/" + VERSION + "/orders/"
                + orderId + ".json", Map.of(), shop.accessToken());
    }

    /** {@code orders/<id>.json} answers {@code {"order": …}}; a webhook carries the Order resource itself. */
    @Override
    public byte[] fetched(JsonNode answer, String body) {
        return Pullers.bytes(answer.path("order"));
    }

    @Override
    public byte[] document(JsonNode entry) {
        return Pullers.bytes(entry);
    }

    @Override
    public String orderId(JsonNode entry) {
        return entry.path("id").asText();
    }
}
