package io.orderhub.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.ingest.domain.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Douyin {@code order.searchList} (POST {@code /order/searchList}, {@code param_json} with sorted keys signed
 * HMAC-SHA256 together with {@code app_key, method, timestamp, v}; update window in Unix seconds, {@code page} from 0,
 * ascending by update time). An entry is a {@code shop_order_detail}, stored as {@code order.orderDetail} answers it.
 */
@ApplicationScoped
public class DouyinPuller implements OrderPuller {

    @Override
    public String channel() {
        return Channels.DOUYIN;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public String api() {
        return "order.searchList";
    }

    private PlatformCall call(Shop shop, Instant from, Instant to, int pageNo) {
        // the SDK signs param_json with its keys sorted and no spaces
        ObjectNode args = Pullers.object();
        args.put("order_asc", true).put("order_by", "update_time").put("page", pageNo).put("size", Math.min(100, shop.pageSize()))
                .put("update_time_end", to.getEpochSecond()).put("update_time_start", from.getEpochSecond());
        String paramJson = Pullers.text(args);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", shop.appKey());
        q.put("method", api());
        q.put("access_token", shop.accessToken());
        q.put("timestamp", timestamp);
        q.put("v", "2");
        q.put("sign_method", "hmac-sha256");
        q.put("sign", ApiSigning.douyin(shop.secret(), shop.appKey(), api(), paramJson, timestamp, "2"));
        return PlatformCall.json(channel(), api(), Pullers.base(shop.baseUrl()) + "/order/searchList", q, paramJson);
    }

    @Override
    public PlatformCall fetch(Shop shop, String orderId) {
        String method = "order.orderDetail";
        ObjectNode args = Pullers.object();
        args.put("shop_order_id", orderId);
        String paramJson = Pullers.text(args);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", shop.appKey());
        q.put("method", method);
        q.put("access_token", shop.accessToken());
        q.put("timestamp", timestamp);
        q.put("v", "2");
        q.put("sign_method", "hmac-sha256");
        q.put("sign", ApiSigning.douyin(shop.secret(), shop.appKey(), method, paramJson, timestamp, "2"));
        return PlatformCall.json(channel(), method, Pullers.base(shop.baseUrl()) + "/order/orderDetail", q, paramJson);
    }

    @Override
    public PlatformCall firstPage(Shop shop, Instant from, Instant to) {
        return call(shop, from, to, 0);
    }

    @Override
    public Page page(Shop shop, Instant from, Instant to, PlatformCall call, JsonNode answer, PlatformResponse response) {
        JsonNode data = answer.path("data");
        int pageNo = data.path("page").asInt(0);
        int size = data.path("size").asInt(Math.min(100, shop.pageSize()));
        int total = data.path("total").asInt(0);
        return new Page(Pullers.list(data.path("shop_order_list")), (pageNo + 1) * size < total ? call(shop, from, to, pageNo + 1) : null);
    }

    @Override
    public byte[] document(JsonNode entry) {
        ObjectNode doc = Pullers.object();
        doc.put("code", 10000).put("msg", "success");
        doc.putObject("data").set("shop_order_detail", entry);
        return Pullers.bytes(doc);
    }

    @Override
    public String orderId(JsonNode entry) {
        return entry.path("order_id").asText();
    }
}
