package io.orderhub.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generic channel's pull API, which a retailer's app serves (README "The generic channel"):
 * {@code GET <base>/orderhub/v1/orders?updated_from=…&updated_to=…&limit=…} ({@code next_cursor} → {@code cursor} for the
 * next page) and {@code GET <base>/orderhub/v1/orders/<order_id>}, with {@code Authorization: Bearer <access token>}.
 * An entry is the order document itself, exactly as a push carries it.
 */
@ApplicationScoped
public class AppPuller implements OrderPuller {

    @Override
    public String channel() {
        return Channels.APP;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public String api() {
        return "orders";
    }

    private static String url(Shop shop) {
        return Pullers.base(shop.baseUrl()) + "/orderhub/v1/orders";
    }

    @Override
    public PlatformCall firstPage(Shop shop, Instant from, Instant to) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("updated_from", from.truncatedTo(ChronoUnit.SECONDS).toString());
        q.put("updated_to", to.truncatedTo(ChronoUnit.SECONDS).toString());
        q.put("limit", String.valueOf(Math.min(100, shop.pageSize())));
        return PlatformCall.bearerGet(channel(), api(), url(shop), q, shop.accessToken());
    }

    @Override
    public Page page(Shop shop, Instant from, Instant to, PlatformCall call, JsonNode answer, PlatformResponse response) {
        JsonNode cursor = answer.get("next_cursor");
        PlatformCall next = cursor == null || cursor.isNull() || cursor.asText().isBlank() ? null
                : PlatformCall.bearerGet(channel(), api(), url(shop), Map.of("limit", call.query().getOrDefault("limit", "50"),
                        "cursor", cursor.asText()), shop.accessToken());
        return new Page(Pullers.list(answer.get("orders")), next);
    }

    @Override
    public PlatformCall fetch(Shop shop, String orderId) {
        return PlatformCall.bearerGet(channel(), "orders/{order_id}", url(shop) + "/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8),
                Map.of(), shop.accessToken());
    }

    @Override
    public byte[] document(JsonNode entry) {
        return Pullers.bytes(entry);
    }

    @Override
    public String orderId(JsonNode entry) {
        return entry.path("order_id").asText();
    }
}
