package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Xiaohongshu (Ark): {@code order.getOrderDetail} documents (integer fen, Unix milliseconds), pushed by the hub's
 * convention (header {@code X-Hub-Signature = hex(HMAC-SHA256(secret, body))}); the Ark API at
 * {@code /ark/open_api/v3/common_controller} (JSON body {@code appId, timestamp, version, method, sign, accessToken}
 * + business fields, {@code sign = md5(method?appId=…&timestamp=…&version=… + secret)}): {@code order.getOrderList}
 * (update window ≤ 30 minutes, {@code timeType=2}, order summaries only), {@code order.getOrderDetail},
 * {@code order.orderDeliver}. Error codes are reconstructed (R).
 */
final class XhsFormat extends ChannelFormat {
    XhsFormat(MarketplaceSimulator sim) {
        super(sim);
    }

    @Override
    String channel() {
        return "xhs";
    }

    @Override
    List<String> apiPrefixes() {
        return List.of("/ark/open_api/v3/common_controller");
    }

    @Override
    String newOrderId(long sequence) {
        return "P" + (781_234_567_000_000_000L + sequence);
    }

    @Override
    void seed(SimOrder o) {
        o.line("MASK-HY-30", "玻尿酸补水面膜 30片/盒", 1, 16800)
                .line("CLN-AA-100", "氨基酸洁面乳 100g", 2, 4500)
                .discount(1800)
                .address(new SimOrder.Address("沈一鸣", "13611800010", "中国", "上海市", "上海市", "徐汇区", "漕河泾街道宜山路700号B2栋1808室", null));
    }

    int status(SimOrder o) {
        if (o.statusOverride != null) {
            return intParam(o.statusOverride, 4);
        }
        return switch (o.stage) {
            case PENDING_PAYMENT -> 1;
            case PAID -> 4;
            case PARTIALLY_SHIPPED -> 5;
            case SHIPPED -> 6;
            case DELIVERED -> 7;
            case CLOSED -> o.paidAt == null ? 9 : 8;
        };
    }

    private ObjectNode summary(SimOrder o, ObjectNode n) {
        n.put("orderId", o.orderId).put("orderType", 1).put("orderStatus", status(o))
                .put("orderAfterSalesStatus", o.stage == SimOrder.Stage.CLOSED && o.paidAt != null ? 3 : 1).put("cancelStatus", 0)
                .put("createdTime", epochMillis(o.createdAt)).put("paidTime", epochMillis(o.paidAt)).put("updateTime", epochMillis(o.updatedAt))
                .put("deliveryTime", epochMillis(o.shippedAt)).put("cancelTime", o.stage == SimOrder.Stage.CLOSED ? epochMillis(o.updatedAt) : 0)
                .put("finishTime", o.stage == SimOrder.Stage.DELIVERED ? epochMillis(o.updatedAt) : 0)
                .put("promiseLastDeliveryTime", epochMillis(o.createdAt.plus(Duration.ofHours(48))));
        return n;
    }

    @Override
    ObjectNode render(SimOrder o) {
        ObjectNode n = summary(o, obj());
        n.put("totalPayAmount", o.totalMinor()).put("totalShippingFree", o.shippingMinor).put("totalDepositAmount", 0)
                .put("totalMerchantDiscount", o.discountMinor).put("totalRedDiscount", 0)
                .put("merchantActualReceiveAmount", o.totalMinor()).put("totalChangePriceAmount", 0)
                .put("expressTrackingNo", o.trackingNumber == null ? "" : o.trackingNumber)
                .put("expressCompanyCode", o.carrier == null ? "" : o.carrier).put("shopName", o.shop);
        ArrayNode skus = n.putArray("skuList");
        int i = 0;
        for (SimOrder.Line l : o.lines) {
            i++;
            String skuId = String.format("65a1f0c2e4b0a1b2c3d4%04x", i);
            ObjectNode sku = skus.addObject();
            sku.put("skuId", skuId).put("skuName", l.title()).put("erpcode", l.sku()).put("skuSpec", "").put("skuQuantity", l.quantity());
            sku.putArray("skuDetailList").addObject().put("skuId", skuId).put("erpCode", l.sku()).put("quantity", l.quantity())
                    .put("skuName", l.title()).put("pricePerSku", l.unitPriceMinor()).put("paidAmountPerSku", l.unitPriceMinor())
                    .put("depositAmountPerSku", 0);
            sku.put("totalPaidAmount", l.amountMinor()).put("totalMerchantDiscount", 0).put("totalRedDiscount", 0).put("skuTag", 0)
                    .put("skuAfterSaleStatus", 1);
        }
        if (o.address != null) {
            SimOrder.Address a = o.address;
            n.put("receiverCountryName", "中国").put("receiverProvinceName", a.province()).put("receiverCityName", a.city())
                    .put("receiverDistrictName", a.district()).put("receiverName", a.name()).put("receiverPhone", a.phone())
                    .put("receiverAddress", a.detail());
        }
        putExtra(n, o.extra);
        return n;
    }

    @Override
    ObjectNode detail(ObjectNode order) {
        ObjectNode doc = obj();
        doc.put("success", true).put("error_code", 0).put("error_msg", "");
        doc.set("data", order);
        return doc;
    }

    @Override
    String topic(SimOrder.Stage stage, int version) {
        return version == 1 ? "order.created" : "order." + stage.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    Push push(Snapshot s, String deliveryId, String topic) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-Hub-Signature", Signing.hubSignature(sim.secret(), s.document()));
        h.put("X-Hub-Delivery", deliveryId);
        h.put("X-Hub-Topic", topic);
        return new Push(Map.of(), h, s.document());
    }

    // ------------------------------------------------------------------------------------------ Ark API

    private static ApiAnswer error(int code, String msg) {
        ObjectNode out = obj();
        out.put("success", false).put("error_code", code).put("error_msg", msg);
        out.putNull("data");
        return ApiAnswer.json(200, compactText(out));
    }

    @Override
    ApiAnswer api(ApiRequest r) {
        JsonNode body = parse(r.bodyText());
        if (body == null || !body.isObject()) {
            return error(-1, "请求体不是合法的JSON");
        }
        String method = text(body, "method");
        String appId = text(body, "appId");
        if (!sim.appKey().equals(appId)) {
            return error(-1001, "appId不存在");
        }
        String expected = Signing.xhsApi(sim.secret(), String.valueOf(method), appId, String.valueOf(text(body, "timestamp")),
                String.valueOf(text(body, "version")));
        if (!Signing.constantTimeEquals(text(body, "sign"), expected)) {
            return error(-1002, "签名错误");
        }
        String shop = sim.shopForToken(text(body, "accessToken"));
        if (shop == null) {
            return error(-1003, "accessToken无效或已过期");
        }
        return switch (String.valueOf(method)) {
            case "order.getOrderList" -> list(body, shop);
            case "order.getOrderDetail" -> {
                Snapshot s = sim.latest(channel(), shop, text(body, "orderId"));
                yield s == null ? error(-2001, "订单不存在") : ApiAnswer.json(200, s.documentText());
            }
            case "order.orderDeliver" -> ship(body, shop);
            default -> error(-1004, "method不存在: " + method);
        };
    }

    private ApiAnswer list(JsonNode body, String shop) {
        if (sim.takePullFailure(channel())) {
            return error(-100, "系统繁忙，请稍后重试");
        }
        long start = body.path("startTime").asLong(-1);
        long end = body.path("endTime").asLong(-1);
        if (start < 0 || end < start || end - start > 30 * 60) {
            return error(-2002, "startTime/endTime 必填，按更新时间查询跨度不超过30分钟");
        }
        int pageNo = Math.max(1, body.path("pageNo").asInt(1));
        int size = Math.min(100, Math.max(1, body.path("pageSize").asInt(50)));
        List<Snapshot> all = sim.changed(channel(), shop, Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
        ObjectNode out = obj();
        out.put("success", true).put("error_code", 0).put("error_msg", "");
        ObjectNode data = out.putObject("data");
        data.put("total", all.size()).put("pageNo", pageNo).put("pageSize", size).put("maxPageNo", (all.size() + size - 1) / size);
        ArrayNode list = data.putArray("orderList");
        for (Snapshot s : page(all, (pageNo - 1) * size, size)) {
            ObjectNode summary = list.addObject();
            for (String f : List.of("orderId", "orderType", "orderStatus", "orderAfterSalesStatus", "cancelStatus", "createdTime",
                    "paidTime", "updateTime", "deliveryTime", "cancelTime", "finishTime", "promiseLastDeliveryTime")) {
                summary.set(f, s.order().get(f));
            }
        }
        return ApiAnswer.json(200, compactText(out));
    }

    private ApiAnswer ship(JsonNode body, String shop) {
        Map<String, String> params = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("sign")) {
                params.put(e.getKey(), e.getValue().asText());
            }
        });
        return sim.writeBack(channel(), shop, "order.orderDeliver", text(body, "orderId"), text(body, "expressNo"),
                text(body, "expressCompanyCode"), params, (outcome, reason) -> switch (outcome) {
                    case WriteBack.FAILED -> error(-100, "系统繁忙，请稍后重试");
                    case WriteBack.CONFLICT -> error(-3001, "订单状态不允许发货: " + reason);
                    default -> {
                        ObjectNode out = obj();
                        out.put("success", true).put("error_code", 0).put("error_msg", "");
                        out.putNull("data");
                        yield ApiAnswer.json(200, compactText(out));
                    }
                });
    }
}
