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
 * JD POP (JOS) {@code jingdong.pop.order.search} (form POST to {@code /routerjson}, md5-signed, arguments in
 * {@code 360buy_param_json}: modification window in Beijing time, every order state, {@code page} from 1 until
 * {@code orderTotal}). An {@code orderInfo}: {@code orderState}, {@code orderPayment} (yuan), {@code freightPrice}, the
 * coupons by type, {@code paymentConfirmTime} ({@code 0001-01-01 00:00:00} = unpaid), {@code waybill}.
 */
@ApplicationScoped
public class JdSource extends MarketplaceSource {
    static final String API = "jingdong.pop.order.search";
    static final String STATES = "WAIT_SELLER_STOCK_OUT,WAIT_SELLER_DELIVERY,WAIT_SEND_CODE,LOCKED,PAUSE,POP_ORDER_PAUSE,"
            + "WAIT_GOODS_RECEIVE_CONFIRM,SEND_TO_DISTRIBUTION_CENER,DISTRIBUTION_CENTER_RECEIVED,FINISHED_L,RECEIPTS_CONFIRM,TRADE_CANCELED";
    private static final Set<String> PAID = Set.of("WAIT_SELLER_STOCK_OUT", "WAIT_SELLER_DELIVERY", "WAIT_SEND_CODE");
    private static final Set<String> LOCKED = Set.of("LOCKED", "PAUSE", "POP_ORDER_PAUSE");
    private static final Set<String> SHIPPED = Set.of("WAIT_GOODS_RECEIVE_CONFIRM", "SEND_TO_DISTRIBUTION_CENER", "DISTRIBUTION_CENTER_RECEIVED");
    private static final Set<String> DELIVERED = Set.of("FINISHED_L", "RECEIPTS_CONFIRM");
    /** Coupon types: the shop's own discount, the rest paid by JD (coupons, beans, gift cards). */
    private static final String SHOP_COUPON = "100-店铺优惠";

    @Override
    public String channel() {
        return "jd";
    }

    @Override
    Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    Uni<ListPage> list(String shop, ReconConfig.Marketplaces.Shop keys, Instant from, Instant to, int pageNo) {
        ObjectNode args = PlatformJson.EXACT.createObjectNode();
        args.put("start_date", BeijingTime.format(from)).put("end_date", BeijingTime.format(to)).put("order_state", STATES)
                .put("page", String.valueOf(pageNo)).put("page_size", String.valueOf(pageSize())).put("dateType", "0").put("sortType", "0");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", API);
        p.put("app_key", keys.appKey());
        p.put("access_token", keys.accessToken());
        p.put("timestamp", BeijingTime.format(Instant.now()));
        p.put("v", "2.0");
        p.put("360buy_param_json", args.toString());
        p.put("sign", PlatformSigning.md5Wrapped(keys.secret(), p));
        int size = pageSize();
        return client.jd(PlatformCall.form(API, base(keys.baseUrl()) + "/routerjson", p), JdSource::check)
                .map(answer -> read(answer, root -> page(shop, root, pageNo, size)));
    }

    ListPage parse(String shop, String body, int pageNo, int pageSize) {
        return page(shop, check(body), pageNo, pageSize);
    }

    /** The answer's JSON; JOS's {@code error_response} and an unsuccessful {@code apiResult} as failures. */
    static JsonNode check(String body) {
        JsonNode root = PlatformJson.read("JD", body);
        JsonNode error = root.get("error_response");
        if (error != null) {
            String code = PlatformJson.text(error, "code");
            String why = "JD " + API + ": " + code + " " + PlatformJson.text(error, "en_desc");
            // 66: the platform's backend is unavailable, worth a retry; key, signature, token and arguments are not
            throw "66".equals(code) ? new SourceFailedException(why) : new SourceRefusedException(why);
        }
        JsonNode result = root.path("jingdong_pop_order_search_responce").path("searchorderinfo_result");
        if (!result.path("apiResult").path("success").asBoolean(true)) {
            throw new SourceFailedException("JD " + API + ": " + result.path("apiResult").path("englishErrCode").asText());
        }
        return root;
    }

    ListPage page(String shop, JsonNode root, int pageNo, int pageSize) {
        JsonNode result = root.path("jingdong_pop_order_search_responce").path("searchorderinfo_result");
        List<PlatformOrder> orders = new ArrayList<>();
        for (JsonNode o : result.path("orderInfoList")) {
            orders.add(toOrder(shop, o));
        }
        return new ListPage(orders, (long) pageNo * pageSize < result.path("orderTotal").asLong(0));
    }

    PlatformOrder toOrder(String shop, JsonNode o) {
        String status = PlatformJson.text(o, "orderState");
        Set<String> conditions = new LinkedHashSet<>();
        OrderState state = null;
        if (PAID.contains(status)) {
            state = OrderState.PAID;
        } else if (LOCKED.contains(status)) {
            state = OrderState.PAID;
            conditions.add("RISK_HOLD");
        } else if (SHIPPED.contains(status)) {
            state = OrderState.SHIPPED;
        } else if (DELIVERED.contains(status)) {
            state = OrderState.DELIVERED;
        } else if ("TRADE_CANCELED".equals(status)) {
            state = OrderState.CLOSED;
        }
        Map<String, Money> fees = new LinkedHashMap<>();
        TaobaoSource.put(fees, "SHIPPING", PlatformJson.yuan(o, "freightPrice"));
        for (JsonNode c : o.path("couponDetailList")) {
            String type = SHOP_COUPON.equals(PlatformJson.text(c, "couponType")) ? "DISCOUNT" : "PLATFORM_DISCOUNT";
            TaobaoSource.put(fees, type, PlatformJson.yuan(c, "couponPrice"));
        }
        return new PlatformOrder(channel(), shop, PlatformJson.text(o, "orderId"), state, status, conditions,
                PlatformJson.beijing(o, "paymentConfirmTime"), PlatformJson.yuan(o, "orderPayment"), fees,
                PlatformJson.text(o, "logisticsId"), PlatformJson.text(o, "waybill"), PlatformJson.beijing(o, "modified"));
    }
}
