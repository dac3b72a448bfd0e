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
 * Pinduoduo POP {@code pdd.order.number.list.increment.get} (form POST to {@code /api/router}, md5-signed, update window
 * of at most 30 minutes in Unix seconds, every order and refund status, {@code page} + {@code has_next}). An entry is an
 * {@code order_info}, stored as {@code pdd.order.information.get} answers it.
 */
@ApplicationScoped
public class PddPuller implements OrderPuller {

    @Override
    public String channel() {
        return Channels.PDD;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofMinutes(30);
    }

    @Override
    public String api() {
        return "pdd.order.number.list.increment.get";
    }

    private PlatformCall call(Shop shop, Instant from, Instant to, int pageNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", api());
        p.put("client_id", shop.appKey());
        p.put("access_token", shop.accessToken());
        p.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        p.put("data_type", "JSON");
        p.put("version", "V1");
        p.put("start_updated_at", String.valueOf(from.getEpochSecond()));
        p.put("end_updated_at", String.valueOf(to.getEpochSecond()));
        p.put("is_lucky_flag", "0");
        p.put("order_status", "5");
        p.put("refund_status", "5");
        p.put("page", String.valueOf(pageNo));
        p.put("page_size", String.valueOf(Math.min(100, shop.pageSize())));
        p.put("use_has_next", "true");
        p.put("sign", ApiSigning.md5Wrapped(shop.secret(), p));
        return PlatformCall.form(channel(), api(), Pullers.base(shop.baseUrl()) + "/api/router", p);
    }

    @Override
    public PlatformCall fetch(Shop shop, String orderId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", "pdd.order.information.get");
        p.put("client_id", shop.appKey());
        p.put("access_token", shop.accessToken());
        p.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        p.put("data_type", "JSON");
        p.put("version", "V1");
        p.put("order_sn", orderId);
        p.put("sign", ApiSigning.md5Wrapped(shop.secret(), p));
        return PlatformCall.form(channel(), "pdd.order.information.get", Pullers.base(shop.baseUrl()) + "/api/router", p);
    }

    @Override
    public PlatformCall firstPage(Shop shop, Instant from, Instant to) {
        return call(shop, from, to, 1);
    }

    @Override
    public Page page(Shop shop, Instant from, Instant to, PlatformCall call, JsonNode answer, PlatformResponse response) {
        JsonNode r = answer.path("order_sn_increment_get_response");
        int pageNo = Integer.parseInt(call.form().getOrDefault("page", "1"));
        return new Page(Pullers.list(r.path("order_sn_list")), r.path("has_next").asBoolean(false) ? call(shop, from, to, pageNo + 1) : null);
    }

    @Override
    public byte[] document(JsonNode entry) {
        ObjectNode doc = Pullers.object();
        doc.putObject("order_info_get_response").set("order_info", entry);
        return Pullers.bytes(doc);
    }

    @Override
    public String orderId(JsonNode entry) {
        return entry.path("order_sn").asText();
    }
}
