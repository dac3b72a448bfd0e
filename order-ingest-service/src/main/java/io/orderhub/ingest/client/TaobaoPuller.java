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
 * Taobao TOP {@code taobao.trades.sold.increment.get} (form POST to {@code /router/rest}, md5-signed, modified window of
 * at most a day in Beijing time, {@code page_no} + {@code use_has_next}). An entry is a trade; it is stored as
 * {@code taobao.trade.fullinfo.get} would answer it: {@code {"trade_fullinfo_get_response":{"trade":…}}}.
 */
@ApplicationScoped
public class TaobaoPuller implements OrderPuller {
    static final String FIELDS = "tid,tid_str,type,status,created,pay_time,modified,consign_time,total_fee,discount_fee,post_fee,"
            + "payment,step_trade_status,step_paid_fee,receiver_name,receiver_mobile,receiver_phone,receiver_country,receiver_state,"
            + "receiver_city,receiver_district,receiver_town,receiver_address,receiver_zip,orders";

    @Override
    public String channel() {
        return Channels.TAOBAO;
    }

    @Override
    public Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public String api() {
        return "taobao.trades.sold.increment.get";
    }

    private PlatformCall call(Shop shop, Instant from, Instant to, int pageNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", api());
        p.put("app_key", shop.appKey());
        p.put("session", shop.accessToken());
        p.put("timestamp", ApiSigning.beijing(Instant.now()));
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", "md5");
        p.put("fields", FIELDS);
        p.put("start_modified", ApiSigning.beijing(from));
        p.put("end_modified", ApiSigning.beijing(to));
        p.put("page_no", String.valueOf(pageNo));
        p.put("page_size", String.valueOf(Math.min(100, shop.pageSize())));
        p.put("use_has_next", "true");
        p.put("sign", ApiSigning.md5Wrapped(shop.secret(), p));
        return PlatformCall.form(channel(), api(), Pullers.base(shop.baseUrl()) + "/router/rest", p);
    }

    @Override
    public PlatformCall fetch(Shop shop, String orderId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "taobao.trade.fullinfo.get");
        p.put("app_key", shop.appKey());
        p.put("session", shop.accessToken());
        p.put("timestamp", ApiSigning.beijing(Instant.now()));
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", "md5");
        p.put("fields", FIELDS);
        p.put("tid", orderId);
        p.put("sign", ApiSigning.md5Wrapped(shop.secret(), p));
        return PlatformCall.form(channel(), "taobao.trade.fullinfo.get", Pullers.base(shop.baseUrl()) + "/router/rest", p);
    }

    @Override
    public PlatformCall firstPage(Shop shop, Instant from, Instant to) {
        return call(shop, from, to, 1);
    }

    @Override
    public Page page(Shop shop, Instant from, Instant to, PlatformCall call, JsonNode answer, PlatformResponse response) {
        JsonNode r = answer.path("trades_sold_increment_get_response");
        int pageNo = Integer.parseInt(call.form().getOrDefault("page_no", "1"));
        return new Page(Pullers.list(r.path("trades").path("trade")),
                r.path("has_next").asBoolean(false) ? call(shop, from, to, pageNo + 1) : null);
    }

    @Override
    public byte[] document(JsonNode entry) {
        ObjectNode doc = Pullers.object();
        doc.putObject("trade_fullinfo_get_response").set("trade", entry);
        return Pullers.bytes(doc);
    }

    @Override
    public String orderId(JsonNode entry) {
        return entry.hasNonNull("tid_str") ? entry.get("tid_str").asText() : entry.path("tid").asText();
    }
}
