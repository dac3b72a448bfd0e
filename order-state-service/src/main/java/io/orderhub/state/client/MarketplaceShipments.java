package io.orderhub.state.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.state.domain.CarrierCodes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each marketplace's ship call, signed as the platform requires, through {@link MarketplaceGateway} (timeout, retries,
 * a circuit breaker per platform, fallback):
 * <ul>
 *   <li>Shopify: {@code GET orders/<id>/fulfillment_orders.json}, then {@code POST fulfillments.json} with the open
 *       fulfillment order and {@code tracking_info};</li>
 *   <li>Taobao: {@code taobao.logistics.offline.send} ({@code tid, out_sid, company_code});</li>
 *   <li>JD: {@code jingdong.pop.order.shipment} ({@code orderId, logiCoprId, logiNo}; {@code success=false} is a refusal);</li>
 *   <li>Pinduoduo: {@code pdd.logistics.online.send} ({@code order_sn, logistics_id, tracking_number});</li>
 *   <li>Douyin: {@code order.logisticsAdd} ({@code order_id, company_code, logistics_code});</li>
 *   <li>Xiaohongshu: {@code order.orderDeliver} ({@code orderId, expressNo, expressCompanyCode});</li>
 *   <li>a retailer's own app (the generic channel {@code app}): the hub's own documented call,
 *       {@code POST <base>/orderhub/v1/orders/<order_id>/shipments} ({@code order_id, carrier, tracking_number, shipped_at}),
 *       signed in {@code X-OrderHub-*} headers like the app's pushes, keyed by {@code X-OrderHub-Delivery-Id}
 *       (order-ingest-service/README.md, "The generic channel").</li>
 * </ul>
 */
@ApplicationScoped
public class MarketplaceShipments implements ChannelShipments {
    static final String SHOPIFY_VERSION = "2026-10";
    private static final Set<String> SECRET_KEYS = Set.of("access_token", "session", "accessToken");
    private static final Set<String> OPEN = Set.of("open", "in_progress", "scheduled");

    @Inject
    MarketplaceGateway gateway;
    @Inject
    ObjectMapper json;

    @Override
    public Uni<ShipmentOutcome> writeBack(ChannelCredential shop, Shipment shipment) {
        String orderId = shipment.channelOrderId();
        String carrier = shipment.carrier();
        String trackingNumber = shipment.trackingNumber();
        if (trackingNumber == null || trackingNumber.isBlank()) {
            return Uni.createFrom().item(ShipmentOutcome.rejected("the order has no tracking number to write back to " + shop.channel(),
                    null, null));
        }
        String code = CarrierCodes.code(shop.channel(), carrier);
        String base = shop.baseUrl().endsWith("/") ? shop.baseUrl().substring(0, shop.baseUrl().length() - 1) : shop.baseUrl();
        return switch (shop.channel()) {
            case "shopify" -> shopify(shop, base, orderId, code, trackingNumber);
            case "taobao" -> single(taobao(shop, base, orderId, code, trackingNumber), null);
            case "jd" -> single(jd(shop, base, orderId, code, trackingNumber), this::jdResult);
            case "pdd" -> single(pdd(shop, base, orderId, code, trackingNumber), null);
            case "douyin" -> single(douyin(shop, base, orderId, code, trackingNumber), null);
            case "xhs" -> single(xhs(shop, base, orderId, code, trackingNumber), null);
            case "app" -> single(app(shop, base, shipment), null);
            default -> Uni.createFrom().item(ShipmentOutcome.rejected("no write-back is known for channel " + shop.channel(), null, null));
        };
    }

    // ------------------------------------------------------------------------------------------ the calls

    private PlatformCall taobao(ChannelCredential c, String base, String tid, String code, String tracking) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "taobao.logistics.offline.send");
        p.put("app_key", c.appKey());
        p.put("session", c.accessToken());
        p.put("timestamp", ApiSigning.beijing(Instant.now()));
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", "md5");
        p.put("tid", tid);
        p.put("out_sid", tracking);
        p.put("company_code", code);
        p.put("sign", ApiSigning.md5Wrapped(c.secret(), p));
        return PlatformCall.form("taobao", "taobao.logistics.offline.send", base + "/router/rest", p);
    }

    private PlatformCall jd(ChannelCredential c, String base, String orderId, String code, String tracking) {
        ObjectNode args = json.createObjectNode();
        args.put("orderId", orderId).put("logiCoprId", code).put("logiNo", tracking);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "jingdong.pop.order.shipment");
        p.put("app_key", c.appKey());
        p.put("access_token", c.accessToken());
        p.put("timestamp", ApiSigning.beijing(Instant.now()));
        p.put("v", "2.0");
        p.put("360buy_param_json", args.toString());
        p.put("sign", ApiSigning.md5Wrapped(c.secret(), p));
        return PlatformCall.form("jd", "jingdong.pop.order.shipment", base + "/routerjson", p);
    }

    private PlatformCall pdd(ChannelCredential c, String base, String orderSn, String code, String tracking) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", "pdd.logistics.online.send");
        p.put("client_id", c.appKey());
        p.put("access_token", c.accessToken());
        p.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        p.put("data_type", "JSON");
        p.put("version", "V1");
        p.put("order_sn", orderSn);
        p.put("logistics_id", code);
        p.put("tracking_number", tracking);
        p.put("sign", ApiSigning.md5Wrapped(c.secret(), p));
        return PlatformCall.form("pdd", "pdd.logistics.online.send", base + "/api/router", p);
    }

    private PlatformCall douyin(ChannelCredential c, String base, String orderId, String code, String tracking) {
        ObjectNode args = json.createObjectNode(); // keys sorted, as the SDK signs them
        args.put("company_code", code).put("logistics_code", tracking).put("order_id", orderId);
        String paramJson = args.toString();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", c.appKey());
        q.put("method", "order.logisticsAdd");
        q.put("access_token", c.accessToken());
        q.put("timestamp", timestamp);
        q.put("v", "2");
        q.put("sign_method", "hmac-sha256");
        q.put("sign", ApiSigning.douyin(c.secret(), c.appKey(), "order.logisticsAdd", paramJson, timestamp, "2"));
        return PlatformCall.json("douyin", "order.logisticsAdd", base + "/order/logisticsAdd", q, paramJson);
    }

    private PlatformCall xhs(ChannelCredential c, String base, String orderId, String code, String tracking) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        ObjectNode body = json.createObjectNode();
        body.put("appId", c.appKey()).put("timestamp", timestamp).put("version", "2.0").put("method", "order.orderDeliver")
                .put("sign", ApiSigning.xhs(c.secret(), "order.orderDeliver", c.appKey(), timestamp, "2.0"))
                .put("accessToken", c.accessToken()).put("orderId", orderId).put("expressNo", tracking).put("expressCompanyCode", code);
        return PlatformCall.json("xhs", "order.orderDeliver", base + "/ark/open_api/v3/common_controller", Map.of(), body.toString());
    }

    /** The same body bytes on every retry (shipped_at is when the hub shipped, not when it sends); signed afresh each time. */
    private PlatformCall app(ChannelCredential c, String base, Shipment shipment) {
        ObjectNode body = json.createObjectNode();
        body.put("order_id", shipment.channelOrderId()).put("carrier", shipment.carrier()).put("tracking_number", shipment.trackingNumber())
                .put("shipped_at", shipment.shippedAt() == null ? null : shipment.shippedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        String text = body.toString();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ApiSigning.APP_TIMESTAMP, timestamp);
        headers.put(ApiSigning.APP_SIGNATURE, ApiSigning.app(c.secret(), timestamp, text.getBytes(StandardCharsets.UTF_8)));
        headers.put(ApiSigning.APP_DELIVERY_ID, shipment.deliveryId());
        headers.put(ApiSigning.APP_EVENT, "order.shipped");
        String path = URLEncoder.encode(shipment.channelOrderId(), StandardCharsets.UTF_8).replace("+", "%20");
        return PlatformCall.signedJson("app", "POST shipments", base + "/orderhub/v1/orders/" + path + "/shipments", headers, text);
    }

    private Uni<ShipmentOutcome> shopify(ChannelCredential c, String base, String orderId, String company, String tracking) {
        String api = base + "/admin/api/" + SHOPIFY_VERSION;
        PlatformCall orders = PlatformCall.get("shopify", "GET fulfillment_orders.json", api + "/orders/" + orderId + "/fulfillment_orders.json",
                Map.of(), c.accessToken());
        return send(orders, null).chain(first -> {
            if (first.outcome() != null) {
                return Uni.createFrom().item(first.outcome());
            }
            JsonNode open = null;
            StringBuilder statuses = new StringBuilder();
            for (JsonNode fo : first.answer().path("fulfillment_orders")) {
                statuses.append(statuses.isEmpty() ? "" : ", ").append(fo.path("status").asText());
                if (open == null && OPEN.contains(fo.path("status").asText())) {
                    open = fo;
                }
            }
            if (open == null) {
                return Uni.createFrom().item(ShipmentOutcome.rejected("Shopify order " + orderId + " has no open fulfillment order ("
                        + (statuses.isEmpty() ? "none" : statuses) + "): it was fulfilled or cancelled on Shopify", describe(orders),
                        first.response().body()));
            }
            ObjectNode body = json.createObjectNode();
            ObjectNode f = body.putObject("fulfillment");
            f.putArray("line_items_by_fulfillment_order").addObject().put("fulfillment_order_id", open.path("id").asLong());
            f.putObject("tracking_info").put("number", tracking).put("company", company);
            f.put("notify_customer", true);
            PlatformCall fulfil = new PlatformCall("shopify", "POST fulfillments.json", PlatformCall.Kind.POST_JSON,
                    api + "/fulfillments.json", Map.of(), Map.of(), body.toString(), c.accessToken());
            return single(fulfil, null);
        });
    }

    // ------------------------------------------------------------------------------------------ sending

    private record Sent(JsonNode answer, PlatformResponse response, ShipmentOutcome outcome) {
    }

    /** A refusal or an unreachable platform ends in {@code outcome}; otherwise the answer to read on. */
    private Uni<Sent> send(PlatformCall call, java.util.function.Function<JsonNode, String> refusal) {
        return gateway.send(call).map(r -> {
            if (!r.available()) {
                return new Sent(null, r, ShipmentOutcome.unreachable(r.unavailableReason(), describe(call)));
            }
            JsonNode answer = PlatformErrors.check(call, r.status(), r.body());
            String refused = refusal == null ? null : refusal.apply(answer);
            return refused != null ? new Sent(answer, r, ShipmentOutcome.rejected(refused, describe(call), r.body())) : new Sent(answer, r, null);
        }).onFailure(PlatformRefusedException.class).recoverWithItem(e ->
                new Sent(null, null, ShipmentOutcome.rejected(e.getMessage(), describe(call), null)));
    }

    private Uni<ShipmentOutcome> single(PlatformCall call, java.util.function.Function<JsonNode, String> refusal) {
        return send(call, refusal).map(s -> s.outcome() != null ? s.outcome()
                : ShipmentOutcome.succeeded(call.channel() + " " + call.api() + " accepted", describe(call), s.response().body()));
    }

    private String jdResult(JsonNode answer) {
        JsonNode result = answer.path("jingdong_pop_order_shipment_responce").path("sopjosshipment_result");
        if (result.path("success").asBoolean(false)) {
            return null;
        }
        return "jd jingdong.pop.order.shipment: " + result.path("errorCode").asText() + " " + result.path("englishErrCode").asText()
                + " (" + result.path("chineseErrCode").asText() + ")";
    }

    /** The request as sent, without the shop's access token. */
    private String describe(PlatformCall call) {
        Map<String, String> params = new LinkedHashMap<>(call.kind() == PlatformCall.Kind.POST_FORM ? call.form() : call.query());
        params.replaceAll((k, v) -> SECRET_KEYS.contains(k) ? "***" : v);
        String body = call.json();
        if (body != null && body.contains("\"accessToken\"")) {
            body = body.replaceAll("\"accessToken\":\"[^\"]*\"", "\"accessToken\":\"***\"");
        }
        if (call.signedHeaders().containsKey(ApiSigning.APP_DELIVERY_ID)) {
            params.put(ApiSigning.APP_DELIVERY_ID, call.signedHeaders().get(ApiSigning.APP_DELIVERY_ID));
        }
        return (call.kind() == PlatformCall.Kind.GET ? "GET " : "POST ") + call.url() + (params.isEmpty() ? "" : " " + params)
                + (body == null ? "" : " " + body);
    }
}
