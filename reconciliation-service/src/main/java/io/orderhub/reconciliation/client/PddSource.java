package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Pinduoduo POP {@code pdd.order.number.list.increment.get} (form POST to {@code /api/router}, md5-signed, update
 * window of at most 30 minutes in Unix seconds, every order and refund status, {@code page} + {@code has_next}). An
 * {@code order_info}: {@code order_status}/{@code confirm_status}/{@code refund_status}/{@code risk_control_status},
 * yuan as JSON numbers ({@code pay_amount}, {@code postage}, {@code seller_discount}, {@code platform_discount}), read
 * exactly; times in Beijing time, "" = unset.
 */
@ApplicationScoped
public class PddSource extends MarketplaceSource {
    static final String API = "pdd.order.number.list.increment.get";

    @Override
    public String channel() {
        return "pdd";
    }

    @Override
    Duration maxWindow() {
        return Duration.ofMinutes(30);
    }

    @Override
    Uni<ListPage> list(String shop, ReconConfig.Marketplaces.Shop keys, Instant from, Instant to, int pageNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", API);
        p.put("client_id", keys.appKey());
        p.put("access_token", keys.accessToken());
        p.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        p.put("data_type", "JSON");
        p.put("version", "V1");
        p.put("start_updated_at", String.valueOf(from.getEpochSecond()));
        p.put("end_updated_at", String.valueOf(to.getEpochSecond()));
        p.put("is_lucky_flag", "0");
        p.put("order_status", "5"); // 5 = every order status
        p.put("refund_status", "5"); // 5 = every refund status
        p.put("page", String.valueOf(pageNo));
        p.put("page_size", String.valueOf(pageSize()));
        p.put("use_has_next", "true");
        p.put("sign", PlatformSigning.md5Wrapped(keys.secret(), p));
        return client.pdd(PlatformCall.form(API, base(keys.baseUrl()) + "/api/router", p), PddSource::check)
                .map(answer -> read(answer, root -> page(shop, root)));
    }

    ListPage parse(String shop, String body) {
        return page(shop, check(body));
    }

    /** The answer's JSON; POP's {@code error_response} as a failure. */
    static JsonNode check(String body) {
        JsonNode root = PlatformJson.read("Pinduoduo", body);
        JsonNode error = root.get("error_response");
        if (error != null) {
            String code = PlatformJson.text(error, "error_code");
            String why = "Pinduoduo " + API + ": " + code + " " + PlatformJson.text(error, "error_msg");
            // 70031: the platform is busy, worth a retry; client id, signature, token and arguments are not
            throw "70031".equals(code) ? new SourceFailedException(why) : new SourceRefusedException(why);
        }
        return root;
    }

    ListPage page(String shop, JsonNode root) {
        JsonNode r = root.path("order_sn_increment_get_response");
        List<PlatformOrder> orders = new ArrayList<>();
        for (JsonNode o : r.path("order_sn_list")) {
            orders.add(toOrder(shop, o));
        }
        return new ListPage(orders, r.path("has_next").asBoolean(false));
    }

    PlatformOrder toOrder(String shop, JsonNode o) {
        String orderStatus = PlatformJson.text(o, "order_status");
        String confirm = PlatformJson.text(o, "confirm_status");
        String refund = PlatformJson.text(o, "refund_status");
        Set<String> conditions = new LinkedHashSet<>();
        OrderState state;
        if ("2".equals(confirm)) {
            state = OrderState.CLOSED; // cancelled before the group formed
        } else if ("4".equals(refund) && "1".equals(orderStatus)) {
            state = OrderState.CLOSED; // refunded before shipping
        } else if ("0".equals(confirm)) {
            state = OrderState.PENDING_PAYMENT;
        } else {
            state = switch (orderStatus == null ? "" : orderStatus) {
                case "1" -> OrderState.PAID;
                case "2" -> OrderState.SHIPPED;
                case "3" -> OrderState.DELIVERED;
                default -> null;
            };
        }
        if ("1".equals(PlatformJson.text(o, "risk_control_status"))) {
            conditions.add("RISK_HOLD");
        }
        if ("2".equals(refund) || "3".equals(refund) || "4".equals(refund)) {
            conditions.add("AFTER_SALE");
        }
        Map<String, Money> fees = new LinkedHashMap<>();
        TaobaoSource.put(fees, "SHIPPING", PlatformJson.yuan(o, "postage"));
        TaobaoSource.put(fees, "DISCOUNT", PlatformJson.yuan(o, "seller_discount"));
        TaobaoSource.put(fees, "PLATFORM_DISCOUNT", PlatformJson.yuan(o, "platform_discount"));
        String logistics = PlatformJson.text(o, "logistics_id");
        return new PlatformOrder(channel(), shop, PlatformJson.text(o, "order_sn"), state, orderStatus + "/" + confirm + "/" + refund,
                conditions, PlatformJson.beijing(o, "pay_time"), PlatformJson.yuan(o, "pay_amount"), fees,
                "0".equals(logistics) ? null : logistics, PlatformJson.text(o, "tracking_number"), PlatformJson.beijing(o, "updated_at"));
    }
}
