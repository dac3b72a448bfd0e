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
 * JD JOS {@code jingdong.pop.order.search} (form POST to {@code /routerjson}, md5-signed, {@code dateType=0}: by
 * modification time, Beijing {@code start_date}/{@code end_date}, every order state the mapping knows, {@code page}
 * from 1 until {@code orderTotal}). An entry is an {@code orderInfo}, stored as {@code jingdong.pop.order.get} answers it.
 */
@ApplicationScoped
public class JdPuller implements OrderPuller {
    static final String STATES = "WAIT_SELLER_STOCK_OUT,WAIT_SELLER_DELIVERY,WAIT_SEND_CODE,LOCKED,PAUSE,POP_ORDER_PAUSE,"
            + "WAIT_GOODS_RECEIVE_CONFIRM,SEND_TO_DISTRIBUTION_CENER,DISTRIBUTION_CENTER_RECEIVED,FINISHED_L,RECEIPTS_CONFIRM,TRADE_CANCELED";

    @Override
    public String channel() {
        return Channels.JD;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public String api() {
        return "jingdong.pop.order.search";
    }

    private PlatformCall call(Shop shop, Instant from, Instant to, int pageNo) {
        ObjectNode args = Pullers.object();
        args.put("start_date", ApiSigning.beijing(from)).put("end_date", ApiSigning.beijing(to)).put("order_state", STATES)
                .put("page", String.valueOf(pageNo)).put("page_size", String.valueOf(Math.min(100, shop.pageSize())))
                .put("dateType", "0").put("sortType", "0");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", api());
        p.put("app_key", shop.appKey());
        p.put("access_token", shop.accessToken());
        p.put("timestamp", ApiSigning.beijing(Instant.now()));
        p.put("v", "2.0");
        p.put("360buy_param_json", Pullers.text(args));
        p.put("sign", ApiSigning.md5Wrapped(shop.secret(), p));
        return PlatformCall.form(channel(), api(), Pullers.base(shop.baseUrl()) + "/routerjson", p);
    }

    @Override
    public PlatformCall fetch(Shop shop, String orderId) {
        ObjectNode args = Pullers.object();
        args.put("order_id", orderId).put("order_state", STATES);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "jingdong.pop.order.get");
        p.put("app_key", shop.appKey());
        p.put("access_token", shop.accessToken());
        p.put("timestamp", ApiSigning.beijing(Instant.now()));
        p.put("v", "2.0");
        p.put("360buy_param_json", Pullers.text(args));
        p.put("sign", ApiSigning.md5Wrapped(shop.secret(), p));
        return PlatformCall.form(channel(), "jingdong.pop.order.get", Pullers.base(shop.baseUrl()) + "/routerjson", p);
    }

    @Override
    public PlatformCall firstPage(Shop shop, Instant from, Instant to) {
        return call(shop, from, to, 1);
    }

    @Override
    public Page page(Shop shop, Instant from, Instant to, PlatformCall call, JsonNode answer, PlatformResponse response) {
        JsonNode result = answer.path("jingdong_pop_order_search_responce").path("searchorderinfo_result");
        if (result.has("apiResult") && !result.path("apiResult").path("success").asBoolean(true)) {
            throw new PlatformRefusedException("jd " + api() + ": " + result.path("apiResult").path("englishErrCode").asText());
        }
        int pageNo = Integer.parseInt(pageOf(call));
        int size = Math.min(100, shop.pageSize());
        int total = result.path("orderTotal").asInt(0);
        return new Page(Pullers.list(result.path("orderInfoList")), pageNo * size < total ? call(shop, from, to, pageNo + 1) : null);
    }

    private static String pageOf(PlatformCall call) {
        try {
            return io.orderhub.ingest.domain.mapping.JsonPaths.PAYLOADS.readTree(call.form().get("360buy_param_json")).path("page").asText("1");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "1";
        }
    }

    @Override
    public byte[] document(JsonNode entry) {
        ObjectNode doc = Pullers.object();
        ObjectNode response = doc.putObject("jingdong_pop_order_get_responce");
        response.put("code", "0");
        ObjectNode info = response.putObject("orderDetailInfo");
        info.set("orderInfo", entry);
        info.putObject("apiResult").put("success", true);
        return Pullers.bytes(doc);
    }

    @Override
    public String orderId(JsonNode entry) {
        return entry.path("orderId").asText();
    }
}
