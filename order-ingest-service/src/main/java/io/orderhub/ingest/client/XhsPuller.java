package io.orderhub.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Xiaohongshu Ark {@code order.getOrderList} ({@code timeType=2}: by update time, window of at most 30 minutes in Unix
 * seconds, {@code pageNo} up to {@code maxPageNo}); the list has summaries only, so each order is fetched with
 * {@code order.getOrderDetail} and stored exactly as that answer's bytes.
 */
@ApplicationScoped
public class XhsPuller implements OrderPuller {

    @Override
    public String channel() {
        return Channels.XHS;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofMinutes(30);
    }

    @Override
    public String api() {
        return "order.getOrderList";
    }

    private static ObjectNode signed(Shop shop, String method) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        ObjectNode body = Pullers.object();
        body.put("appId", shop.appKey()).put("timestamp", timestamp).put("version", "2.0").put("method", method)
                .put("sign", ApiSigning.xhs(shop.secret(), method, shop.appKey(), timestamp, "2.0")).put("accessToken", shop.accessToken());
        return body;
    }

    private static String url(Shop shop) {
        return Pullers.base(shop.baseUrl()) + "/ark/open_api/v3/common_controller";
    }

    private PlatformCall call(Shop shop, Instant from, Instant to, int pageNo) {
        ObjectNode body = signed(shop, api());
        body.put("startTime", from.getEpochSecond()).put("endTime", to.getEpochSecond()).put("timeType", 2).put("orderType", 0)
                .put("pageNo", pageNo).put("pageSize", Math.min(100, shop.pageSize()));
        return PlatformCall.json(channel(), api(), url(shop), java.util.Map.of(), Pullers.text(body));
    }

    @Override
    public PlatformCall firstPage(Shop shop, Instant from, Instant to) {
        return call(shop, from, to, 1);
    }

    @Override
    public Page page(Shop shop, Instant from, Instant to, PlatformCall call, JsonNode answer, PlatformResponse response) {
        JsonNode data = answer.path("data");
        int pageNo = data.path("pageNo").asInt(1);
        int max = data.path("maxPageNo").asInt(1);
        return new Page(Pullers.list(data.path("orderList")), pageNo < max ? call(shop, from, to, pageNo + 1) : null);
    }

    @Override
    public PlatformCall detail(Shop shop, JsonNode entry) {
        return fetch(shop, entry.path("orderId").asText());
    }

    @Override
    public PlatformCall fetch(Shop shop, String orderId) {
        ObjectNode body = signed(shop, "order.getOrderDetail");
        body.put("orderId", orderId);
        return PlatformCall.json(channel(), "order.getOrderDetail", url(shop), java.util.Map.of(), Pullers.text(body));
    }

    @Override
    public byte[] document(JsonNode entry) {
        return Pullers.bytes(entry);
    }

    @Override
    public String orderId(JsonNode entry) {
        return entry.path("orderId").asText();
    }
}
