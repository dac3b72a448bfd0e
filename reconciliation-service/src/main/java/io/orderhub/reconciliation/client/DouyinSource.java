package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.reconciliation.config.ReconConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Douyin shop (抖店) {@code order.searchList} (POST {@code /order/searchList}, {@code param_json} with sorted keys as
 * the body, HMAC-SHA256-signed with {@code app_key, method, timestamp, v}; update window in Unix seconds, {@code page}
 * from 0, {@code total}). A {@code shop_order_detail}: {@code order_status}/{@code main_status}, integer fen
 * ({@code pay_amount}, {@code post_amount}, the promotions by who pays them), Unix seconds (0 = unset).
 */
@ApplicationScoped
public class DouyinSource extends MarketplaceSource {
    static final String API = "order.searchList";

    @Override
    public String channel() {
        return "douyin";
    }

    @Override
    Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    int firstPage() {
        return 0;
    }

    @Override
    Uni<ListPage> list(String shop, ReconConfig.Marketplaces.Shop keys, Instant from, Instant to, int pageNo) {
        // the SDK signs param_json with its keys sorted and no spaces
        ObjectNode args = PlatformJson.EXACT.createObjectNode();
        args.put("order_asc", true).put("order_by", "update_time").put("page", pageNo).put("size", pageSize())
                .put("update_time_end", to.getEpochSecond()).put("update_time_start", from.getEpochSecond());
        String paramJson = args.toString();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", keys.appKey());
        q.put("method", API);
        q.put("access_token", keys.accessToken());
        q.put("timestamp", timestamp);
        q.put("v", "2");
        q.put("sign_method", "hmac-sha256");
        q.put("sign", PlatformSigning.douyin(keys.secret(), keys.appKey(), API, paramJson, timestamp, "2"));
        return client.douyin(PlatformCall.json(API, base(keys.baseUrl()) + "/order/searchList", q, paramJson), DouyinSource::check)
                .map(answer -> read(answer, root -> page(shop, root)));
    }

    ListPage parse(String shop, String body) {
        return page(shop, check(body));
    }

    /** The answer's JSON; a {@code code} other than 10000 as a failure. */
    static JsonNode check(String body) {
        JsonNode root = PlatformJson.read("Douyin", body);
        int code = root.path("code").asInt(-1);
        if (code != 10000) {
            String why = "Douyin " + API + ": " + code + " " + PlatformJson.text(root, "msg") + " (" + PlatformJson.text(root, "sub_code")
                    + " " + PlatformJson.text(root, "sub_msg") + ")";
            // isp.*: the platform's own trouble, worth a retry; key, signature, token and arguments (isv.*) are not
            String sub = PlatformJson.text(root, "sub_code");
            throw sub != null && sub.startsWith("isp.") ? new SourceFailedException(why) : new SourceRefusedException(why);
        }
        return root;
    }

    ListPage page(String shop, JsonNode root) {
        JsonNode data = root.path("data");
        List<PlatformOrder> orders = new ArrayList<>();
        for (JsonNode o : data.path("shop_order_list")) {
            orders.add(toOrder(shop, o));
        }
        long page = data.path("page").asLong(0);
        long size = data.path("size").asLong(0);
        return new ListPage(orders, size > 0 && (page + 1) * size < data.path("total").asLong(0));
    }

    PlatformOrder toOrder(String shop, JsonNode o) {
        String status = PlatformJson.text(o, "order_status");
        String main = PlatformJson.text(o, "main_status");
        Set<String> conditions = new LinkedHashSet<>();
        OrderState state = "103".equals(main) ? OrderState.PENDING_PAYMENT // deposit paid, balance not yet
                : switch (status == null ? "" : status) {
                    case "1" -> OrderState.PENDING_PAYMENT;
                    case "105", "2", "101" -> OrderState.PAID;
                    case "3" -> OrderState.SHIPPED;
                    case "5" -> OrderState.DELIVERED;
                    case "4" -> OrderState.CLOSED;
                    default -> null;
                };
        if ("105".equals(status)) {
            conditions.add("RISK_HOLD"); // paid, held by the platform's risk check
        }
        if ("101".equals(status)) {
            conditions.add("PARTIALLY_SHIPPED");
        }
        if ("22".equals(main) || "39".equals(main)) {
            conditions.add("AFTER_SALE");
        }
        Map<String, Money> fees = new LinkedHashMap<>();
        TaobaoSource.put(fees, "SHIPPING", PlatformJson.fen(o, "post_amount"));
        TaobaoSource.put(fees, "DISCOUNT", PlatformJson.fen(o, "promotion_shop_amount"));
        TaobaoSource.put(fees, "PLATFORM_DISCOUNT", PlatformJson.fen(o, "promotion_platform_amount"));
        TaobaoSource.put(fees, "TALENT_DISCOUNT", PlatformJson.fen(o, "promotion_talent_amount"));
        String carrier = null;
        String tracking = null;
        for (JsonNode l : o.path("logistics_info")) {
            if (tracking == null && PlatformJson.text(l, "tracking_no") != null) {
                tracking = PlatformJson.text(l, "tracking_no");
                carrier = PlatformJson.text(l, "company");
            }
        }
        return new PlatformOrder(channel(), shop, PlatformJson.text(o, "order_id"), state, status + "/" + main, conditions,
                PlatformJson.epochSeconds(o, "pay_time"), PlatformJson.fen(o, "pay_amount"), fees, carrier, tracking,
                PlatformJson.epochSeconds(o, "update_time"));
    }
}
