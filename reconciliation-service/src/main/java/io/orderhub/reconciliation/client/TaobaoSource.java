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
 * Taobao/Tmall TOP {@code taobao.trades.sold.increment.get} (form POST to {@code /router/rest}, md5-signed, modified
 * window of at most a day in Beijing time, {@code page_no} + {@code has_next}). A trade: {@code status}, {@code payment}
 * (yuan), {@code post_fee}, {@code discount_fee}, {@code pay_time}/{@code modified} in Beijing time, the lines'
 * {@code invoice_no} and {@code refund_status}.
 */
@ApplicationScoped
public class TaobaoSource extends MarketplaceSource {
    static final String API = "taobao.trades.sold.increment.get";
    static final String FIELDS = "tid,tid_str,status,pay_time,modified,consign_time,total_fee,discount_fee,post_fee,payment,orders";
    private static final Set<String> UNPAID = Set.of("WAIT_BUYER_PAY", "TRADE_NO_CREATE_PAY", "PAY_PENDING", "WAIT_PRE_AUTH_CONFIRM");
    private static final Set<String> REFUNDING = Set.of("WAIT_SELLER_AGREE", "WAIT_BUYER_RETURN_GOODS", "WAIT_SELLER_CONFIRM_GOODS",
            "SELLER_REFUSE_BUYER");

    @Override
    public String channel() {
        return "taobao";
    }

    @Override
    Duration maxWindow() {
        return Duration.ofDays(1);
    }

    @Override
    Uni<ListPage> list(String shop, ReconConfig.Marketplaces.Shop keys, Instant from, Instant to, int pageNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", API);
        p.put("app_key", keys.appKey());
        p.put("session", keys.accessToken());
        p.put("timestamp", BeijingTime.format(Instant.now()));
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", "md5");
        p.put("fields", FIELDS);
        p.put("start_modified", BeijingTime.format(from));
        p.put("end_modified", BeijingTime.format(to));
        p.put("page_no", String.valueOf(pageNo));
        p.put("page_size", String.valueOf(pageSize()));
        p.put("use_has_next", "true");
        p.put("sign", PlatformSigning.md5Wrapped(keys.secret(), p));
        return client.taobao(PlatformCall.form(API, base(keys.baseUrl()) + "/router/rest", p), TaobaoSource::check)
                .map(answer -> read(answer, root -> page(shop, root)));
    }

    ListPage parse(String shop, String body) {
        return page(shop, check(body));
    }

    /** The answer's JSON; TOP's {@code error_response} as a failure. */
    static JsonNode check(String body) {
        JsonNode root = PlatformJson.read("Taobao", body);
        JsonNode error = root.get("error_response");
        if (error != null) {
            String sub = PlatformJson.text(error, "sub_code");
            String why = "Taobao " + API + ": " + PlatformJson.text(error, "code") + " " + PlatformJson.text(error, "msg")
                    + (sub == null ? "" : " (" + sub + " " + PlatformJson.text(error, "sub_msg") + ")");
            // isp.* is the platform's own trouble, worth a retry; anything else (key, signature, session) is not
            throw sub != null && sub.startsWith("isp.") ? new SourceFailedException(why) : new SourceRefusedException(why);
        }
        return root;
    }

    ListPage page(String shop, JsonNode root) {
        JsonNode r = root.path("trades_sold_increment_get_response");
        List<PlatformOrder> orders = new ArrayList<>();
        for (JsonNode t : r.path("trades").path("trade")) {
            orders.add(toOrder(shop, t));
        }
        return new ListPage(orders, r.path("has_next").asBoolean(false));
    }

    PlatformOrder toOrder(String shop, JsonNode t) {
        String status = PlatformJson.text(t, "status");
        Set<String> conditions = new LinkedHashSet<>();
        OrderState state = null;
        if (status != null) {
            if (UNPAID.contains(status)) {
                state = OrderState.PENDING_PAYMENT;
            } else if (status.equals("WAIT_SELLER_SEND_GOODS")) {
                state = OrderState.PAID;
            } else if (status.equals("SELLER_CONSIGNED_PART")) {
                state = OrderState.PAID;
                conditions.add("PARTIALLY_SHIPPED");
            } else if (status.equals("PAID_FORBID_CONSIGN")) {
                state = OrderState.PAID;
                conditions.add("RISK_HOLD");
            } else if (status.equals("WAIT_BUYER_CONFIRM_GOODS")) {
                state = OrderState.SHIPPED;
            } else if (status.equals("TRADE_BUYER_SIGNED") || status.equals("TRADE_FINISHED")) {
                state = OrderState.DELIVERED;
            } else if (status.startsWith("TRADE_CLOSED")) {
                state = OrderState.CLOSED;
            }
        }
        String carrier = null;
        String tracking = null;
        for (JsonNode line : t.path("orders").path("order")) {
            if (REFUNDING.contains(PlatformJson.text(line, "refund_status"))) {
                conditions.add("AFTER_SALE");
            }
            if (tracking == null && PlatformJson.text(line, "invoice_no") != null) {
                tracking = PlatformJson.text(line, "invoice_no");
                carrier = PlatformJson.text(line, "logistics_company");
            }
        }
        Map<String, Money> fees = new LinkedHashMap<>();
        put(fees, "SHIPPING", PlatformJson.yuan(t, "post_fee"));
        put(fees, "DISCOUNT", PlatformJson.yuan(t, "discount_fee"));
        String id = PlatformJson.text(t, "tid_str") != null ? PlatformJson.text(t, "tid_str") : PlatformJson.text(t, "tid");
        return new PlatformOrder(channel(), shop, id, state, status, conditions, PlatformJson.beijing(t, "pay_time"),
                PlatformJson.yuan(t, "payment"), fees, carrier, tracking, PlatformJson.beijing(t, "modified"));
    }

    static void put(Map<String, Money> fees, String type, Money amount) {
        if (amount != null) {
            fees.merge(type, amount, (a, b) -> new Money(a.amount().add(b.amount()), a.currency()));
        }
    }
}
