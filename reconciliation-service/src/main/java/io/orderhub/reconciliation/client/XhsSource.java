package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.reconciliation.config.ReconConfig;
import io.smallrye.mutiny.Multi;
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
 * Xiaohongshu Ark {@code order.getOrderList} (JSON POST to {@code /ark/open_api/v3/common_controller}, md5-signed,
 * {@code timeType=2}: update window of at most 30 minutes in Unix seconds, {@code pageNo} up to {@code maxPageNo}).
 * The list has summaries without amounts, so each order is read with {@code order.getOrderDetail} (a few at once):
 * {@code orderStatus}, integer fen ({@code totalPayAmount}, {@code totalShippingFree}, the merchant's and the
 * platform's discounts), Unix milliseconds (0 = unset), {@code expressTrackingNo}.
 */
@ApplicationScoped
public class XhsSource extends MarketplaceSource {
    static final String API = "order.getOrderList";
    static final String DETAIL = "order.getOrderDetail";

    /** A list page: the order ids on it and whether more pages follow. */
    record Summaries(List<String> orderIds, boolean hasNext) {
    }

    @Override
    public String channel() {
        return "xhs";
    }

    @Override
    Duration maxWindow() {
        return Duration.ofMinutes(30);
    }

    private static ObjectNode signed(ReconConfig.Marketplaces.Shop keys, String method) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        ObjectNode body = PlatformJson.EXACT.createObjectNode();
        body.put("appId", keys.appKey()).put("timestamp", timestamp).put("version", "2.0").put("method", method)
                .put("sign", PlatformSigning.xhs(keys.secret(), method, keys.appKey(), timestamp, "2.0")).put("accessToken", keys.accessToken());
        return body;
    }

    private static String url(ReconConfig.Marketplaces.Shop keys) {
        return base(keys.baseUrl()) + "/ark/open_api/v3/common_controller";
    }

    @Override
    Uni<ListPage> list(String shop, ReconConfig.Marketplaces.Shop keys, Instant from, Instant to, int pageNo) {
        ObjectNode body = signed(keys, API);
        body.put("startTime", from.getEpochSecond()).put("endTime", to.getEpochSecond()).put("timeType", 2).put("orderType", 0)
                .put("pageNo", pageNo).put("pageSize", pageSize());
        return client.xhs(PlatformCall.json(API, url(keys), Map.of(), body.toString()), answer -> data(API, answer)).flatMap(list -> {
            if (list.unavailable() != null) {
                return Uni.createFrom().item(ListPage.unavailable(list.unavailable()));
            }
            Summaries summaries = summaries(list.json());
            return Multi.createFrom().iterable(summaries.orderIds())
                    .onItem().transformToUni(id -> detail(keys, id))
                    .merge(Math.max(1, config.marketplaces().detailConcurrency()))
                    .collect().asList()
                    .map(details -> {
                        List<PlatformOrder> orders = new ArrayList<>();
                        for (MarketplaceClient.Answer d : details) {
                            if (d.unavailable() != null) {
                                return ListPage.unavailable(d.unavailable());
                            }
                            orders.add(toOrder(shop, d.json()));
                        }
                        return new ListPage(orders, summaries.hasNext());
                    });
        });
    }

    private Uni<MarketplaceClient.Answer> detail(ReconConfig.Marketplaces.Shop keys, String orderId) {
        ObjectNode body = signed(keys, DETAIL);
        body.put("orderId", orderId);
        return client.xhs(PlatformCall.json(DETAIL, url(keys), Map.of(), body.toString()), answer -> data(DETAIL, answer));
    }

    static Summaries summaries(String body) {
        return summaries(data(API, body));
    }

    static Summaries summaries(JsonNode data) {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : data.path("orderList")) {
            ids.add(PlatformJson.text(s, "orderId"));
        }
        return new Summaries(ids, data.path("pageNo").asInt(1) < data.path("maxPageNo").asInt(1));
    }

    /** The {@code data} of a successful answer; the error envelope as a failure. */
    static JsonNode data(String api, String body) {
        JsonNode root = PlatformJson.read("Xiaohongshu", body);
        if (!root.path("success").asBoolean(false)) {
            int code = root.path("error_code").asInt();
            String why = "Xiaohongshu " + api + ": " + code + " " + PlatformJson.text(root, "error_msg");
            // -100: the platform is busy, worth a retry; app id, signature, token and arguments are not
            throw code == -100 ? new SourceFailedException(why) : new SourceRefusedException(why);
        }
        return root.path("data");
    }

    PlatformOrder toOrder(String shop, JsonNode o) {
        String status = PlatformJson.text(o, "orderStatus");
        Set<String> conditions = new LinkedHashSet<>();
        OrderState state = switch (status == null ? "" : status) {
            case "1" -> OrderState.PENDING_PAYMENT;
            case "2", "3", "4", "5" -> OrderState.PAID;
            case "6" -> OrderState.SHIPPED;
            case "7", "10" -> OrderState.DELIVERED;
            case "8", "9" -> OrderState.CLOSED;
            default -> null;
        };
        if ("5".equals(status)) {
            conditions.add("PARTIALLY_SHIPPED");
        }
        if ("10".equals(status) || "2".equals(PlatformJson.text(o, "orderAfterSalesStatus"))) {
            conditions.add("AFTER_SALE");
        }
        Map<String, Money> fees = new LinkedHashMap<>();
        TaobaoSource.put(fees, "SHIPPING", PlatformJson.fen(o, "totalShippingFree"));
        TaobaoSource.put(fees, "DISCOUNT", PlatformJson.fen(o, "totalMerchantDiscount"));
        TaobaoSource.put(fees, "PLATFORM_DISCOUNT", PlatformJson.fen(o, "totalRedDiscount"));
        return new PlatformOrder(channel(), shop, PlatformJson.text(o, "orderId"), state, status, conditions,
                PlatformJson.epochMillis(o, "paidTime"), PlatformJson.fen(o, "totalPayAmount"), fees, PlatformJson.text(o, "expressCompanyCode"),
                PlatformJson.text(o, "expressTrackingNo"), PlatformJson.epochMillis(o, "updateTime"));
    }
}
