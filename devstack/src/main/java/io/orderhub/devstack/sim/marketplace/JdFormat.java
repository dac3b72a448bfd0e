package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JD POP (JOS): {@code orderInfo} documents (yuan strings, Beijing times, {@code 0001-01-01 00:00:00} = unset),
 * pushed by the hub's convention (form {@code app_key, timestamp, v, 360buy_param_json, sign}) or as a thin
 * order-change form; the JOS router at {@code /routerjson}: {@code jingdong.pop.order.search} (modified window,
 * {@code page}/{@code page_size}), {@code jingdong.pop.order.get}, {@code jingdong.pop.order.shipment}. Calls
 * are checked: app key, {@code upper(MD5(secret + sorted pairs + secret))}, access token.
 */
final class JdFormat extends ChannelFormat {
    private static final String UNSET = "0001-01-01 00:00:00";

    JdFormat(MarketplaceSimulator sim) {
        super(sim);
    }

    @Override
    String channel() {
        return "jd";
    }

    @Override
    List<String> apiPrefixes() {
        return List.of("/routerjson");
    }

    @Override
    String newOrderId(long sequence) {
        return String.valueOf(318_000_000_000L + sequence);
    }

    @Override
    void seed(SimOrder o) {
        o.line("KTL-AIR-12L-WHT", "智能空气炸锅 12L 可视窗 白色", 1, 109900)
                .line("KTL-LINER-50P", "空气炸锅专用吸油纸 50张装", 10, 2490)
                .discount(5000)
                .address(new SimOrder.Address("王芳", "13700002222", "中国", "江苏", "南京市", "鼓楼区",
                        "江苏南京市鼓楼区宁海路街道北京西路72号7栋302室", null));
    }

    String state(SimOrder o) {
        if (o.statusOverride != null) {
            return o.statusOverride;
        }
        return switch (o.stage) {
            case PAID -> "WAIT_SELLER_STOCK_OUT";
            case SHIPPED -> "WAIT_GOODS_RECEIVE_CONFIRM";
            case DELIVERED -> "FINISHED_L";
            case CLOSED -> "TRADE_CANCELED";
            case PENDING_PAYMENT, PARTIALLY_SHIPPED -> throw new IllegalArgumentException("JD POP has no " + o.stage
                    + " order state (POP lists paid orders and ships whole orders); use SimOrder.status(...) for a native value");
        };
    }

    private static final Map<String, String> REMARKS = Map.of("WAIT_SELLER_STOCK_OUT", "等待出库", "WAIT_GOODS_RECEIVE_CONFIRM",
            "等待确认收货", "FINISHED_L", "完成", "TRADE_CANCELED", "(删除)取消", "LOCKED", "已锁定", "POP_ORDER_PAUSE", "暂停");

    @Override
    ObjectNode render(SimOrder o) {
        String state = state(o);
        ObjectNode n = obj();
        n.put("orderId", o.orderId).put("venderId", "10286641").put("orderType", "22").put("payType", "4-在线支付")
                .put("orderTotalPrice", major(o.goodsMinor())).put("sellerDiscount", major(o.discountMinor))
                .put("orderSellerPrice", major(o.goodsMinor() - o.discountMinor)).put("freightPrice", major(o.shippingMinor))
                .put("balanceUsed", "0.00").put("orderPayment", major(o.totalMinor())).put("orderState", state)
                .put("orderStateRemark", REMARKS.getOrDefault(state, state)).put("orderStartTime", Signing.beijing(o.createdAt))
                .put("paymentConfirmTime", o.paidAt == null ? UNSET : Signing.beijing(o.paidAt))
                .put("modified", Signing.beijing(o.updatedAt))
                .put("orderEndTime", o.stage == SimOrder.Stage.CLOSED || o.stage == SimOrder.Stage.DELIVERED ? Signing.beijing(o.updatedAt) : UNSET)
                .put("outBoundDate", o.shippedAt == null ? UNSET : Signing.beijing(o.shippedAt))
                .put("waybill", o.trackingNumber == null ? "" : o.trackingNumber).put("logisticsId", o.carrier == null ? "" : o.carrier)
                .put("pin", "jd_" + Long.toHexString(Long.parseLong(o.orderId)));
        if (o.address != null) {
            SimOrder.Address a = o.address;
            n.putObject("consigneeInfo").put("fullname", a.name()).put("telephone", "").put("mobile", a.phone())
                    .put("fullAddress", a.detail()).put("province", a.province()).put("city", a.city()).put("county", a.district());
        }
        ArrayNode items = n.putArray("itemInfoList");
        int i = 0;
        for (SimOrder.Line l : o.lines) {
            i++;
            items.addObject().put("skuId", String.valueOf(100_038_291_700L + i)).put("outerSkuId", l.sku()).put("skuName", l.title())
                    .put("jdPrice", major(l.unitPriceMinor())).put("itemTotal", String.valueOf(l.quantity()))
                    .put("wareId", String.valueOf(100_038_291_000L + i)).put("productNo", l.sku().replaceAll("-[^-]+$", ""));
        }
        ArrayNode coupons = n.putArray("couponDetailList");
        if (o.discountMinor > 0) {
            coupons.addObject().put("orderId", o.orderId).put("skuId", "").put("couponType", "100-店铺优惠")
                    .put("couponPrice", major(o.discountMinor));
        }
        putExtra(n, o.extra);
        return n;
    }

    @Override
    ObjectNode detail(ObjectNode order) {
        ObjectNode doc = obj();
        ObjectNode response = doc.putObject("jingdong_pop_order_get_responce");
        response.put("code", "0");
        ObjectNode info = response.putObject("orderDetailInfo");
        info.set("orderInfo", order);
        info.putObject("apiResult").put("success", true).put("englishErrCode", "").put("chineseErrCode", "").put("numberCode", 0);
        return doc;
    }

    @Override
    String topic(SimOrder.Stage stage, int version) {
        return "jd_pop_order_change";
    }

    private Push form(String json, String deliveryId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("app_key", sim.appKey());
        f.put("timestamp", Signing.beijing(Instant.now()));
        f.put("v", "2.0");
        f.put("360buy_param_json", json);
        f.put("sign", Signing.md5Wrapped(sim.secret(), f, new byte[0]));
        String body = f.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return new Push(Map.of(), Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8", "X-Hub-Delivery", deliveryId),
                Signing.utf8(body));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    Push push(Snapshot s, String deliveryId, String topic) {
        return form(s.documentText(), deliveryId);
    }

    @Override
    Push notification(Snapshot s, String deliveryId, String topic) {
        ObjectNode change = obj();
        change.put("orderId", s.orderId()).put("venderId", "10286641").put("orderState", s.order().path("orderState").asText())
                .put("modified", s.order().path("modified").asText());
        return form(compactText(change), deliveryId);
    }

    // ------------------------------------------------------------------------------------------ JOS router

    private static ApiAnswer error(String code, String zh, String en) {
        ObjectNode out = obj();
        out.putObject("error_response").put("code", code).put("zh_desc", zh).put("en_desc", en);
        return ApiAnswer.json(200, compactText(out));
    }

    @Override
    ApiAnswer api(ApiRequest r) {
        Map<String, String> p = r.params();
        if (!sim.appKey().equals(p.get("app_key"))) {
            return error("19", "app_key无效", "Invalid app_key");
        }
        if (!Signing.constantTimeEquals(p.get("sign"), Signing.md5Wrapped(sim.secret(), p, new byte[0]))) {
            return error("14", "签名无效", "Invalid signature");
        }
        String shop = sim.shopForToken(p.get("access_token"));
        if (shop == null) {
            return error("19", "token无效", "Invalid access_token");
        }
        JsonNode args = parse(p.get("360buy_param_json"));
        if (args == null) {
            return error("61", "360buy_param_json不是合法的JSON", "360buy_param_json is not valid JSON");
        }
        return switch (p.getOrDefault("method", "")) {
            case "jingdong.pop.order.search" -> search(args, shop);
            case "jingdong.pop.order.get" -> {
                Snapshot s = sim.latest(channel(), shop, text(args, "order_id"));
                yield s == null ? error("10400001", "订单不存在", "order not found") : ApiAnswer.json(200, s.documentText());
            }
            case "jingdong.pop.order.shipment" -> ship(args, shop, p);
            default -> error("21", "方法不存在", "Invalid method");
        };
    }

    private ApiAnswer search(JsonNode args, String shop) {
        if (sim.takePullFailure(channel())) {
            return error("66", "平台连接后端服务不可用", "Backend service unavailable");
        }
        Instant start = Signing.parseBeijing(text(args, "start_date"));
        Instant end = Signing.parseBeijing(text(args, "end_date"));
        if (start == null || end == null || end.isBefore(start) || Duration.between(start, end).compareTo(Duration.ofDays(30)) > 0) {
            return error("61", "start_date/end_date 必填，跨度不超过一个月", "start_date and end_date are required, at most one month apart");
        }
        int pageNo = Math.max(1, intParam(text(args, "page"), 1));
        int size = Math.min(100, Math.max(1, intParam(text(args, "page_size"), 20)));
        String states = text(args, "order_state");
        Set<String> wanted = states == null || states.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(states.split(",")));
        List<Snapshot> all = sim.changed(channel(), shop, start, end).stream()
                .filter(s -> wanted.isEmpty() || wanted.contains(s.order().path("orderState").asText())).toList();
        ObjectNode out = obj();
        ObjectNode response = out.putObject("jingdong_pop_order_search_responce");
        response.put("code", "0");
        ObjectNode result = response.putObject("searchorderinfo_result");
        ArrayNode list = result.putArray("orderInfoList");
        page(all, (pageNo - 1) * size, size).forEach(s -> list.add(s.order()));
        result.put("orderTotal", all.size());
        result.putObject("apiResult").put("success", true).put("englishErrCode", "").put("chineseErrCode", "").put("numberCode", 0);
        return ApiAnswer.json(200, compactText(out));
    }

    private ApiAnswer ship(JsonNode args, String shop, Map<String, String> p) {
        Map<String, String> params = new LinkedHashMap<>(p);
        params.remove("sign");
        return sim.writeBack(channel(), shop, "jingdong.pop.order.shipment", text(args, "orderId"), text(args, "logiNo"),
                text(args, "logiCoprId"), params, (outcome, reason) -> {
                    if (WriteBack.FAILED.equals(outcome)) {
                        return error("66", "平台连接后端服务不可用", "Backend service unavailable");
                    }
                    ObjectNode out = obj();
                    ObjectNode response = out.putObject("jingdong_pop_order_shipment_responce");
                    response.put("code", "0");
                    ObjectNode result = response.putObject("sopjosshipment_result");
                    boolean ok = WriteBack.ACCEPTED.equals(outcome);
                    result.put("success", ok).put("errorCode", ok ? "" : "10400010")
                            .put("chineseErrCode", ok ? "成功" : "订单状态不正确，不能出库: " + reason)
                            .put("englishErrCode", ok ? "success" : "order state does not allow shipment: " + reason);
                    return ApiAnswer.json(200, compactText(out));
                });
    }
}
