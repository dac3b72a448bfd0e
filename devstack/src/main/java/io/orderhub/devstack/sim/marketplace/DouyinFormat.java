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
 * Douyin shop (抖店): {@code order.orderDetail} documents (integer fen, Unix seconds), pushed by the hub's convention
 * (the detail document as body, header {@code event-sign = hex(MD5(app_key + body + secret))}) or as the platform's
 * message array {@code [{"tag","msg_id","data"}]}; the open API at {@code /order/searchList} (update window,
 * {@code page} from 0, {@code size}), {@code /order/orderDetail}, {@code /order/logisticsAdd}, with the query
 * {@code app_key, method, access_token, param_json, timestamp, v=2, sign_method, sign} checked
 * ({@code sign = hex(HMAC-SHA256(secret, secret + "app_key"… + secret))}). Error codes are reconstructed (R).
 */
final class DouyinFormat extends ChannelFormat {
    DouyinFormat(MarketplaceSimulator sim) {
        super(sim);
    }

    @Override
    String channel() {
        return "douyin";
    }

    @Override
    List<String> apiPrefixes() {
        return List.of("/order/searchList", "/order/orderDetail", "/order/logisticsAdd");
    }

    @Override
    String newOrderId(long sequence) {
        return String.valueOf(6_932_000_000_000_000_000L + sequence * 10);
    }

    @Override
    void seed(SimOrder o) {
        o.line("YGX-JERKY-200", "风干牛肉干 原味 200g", 1, 12900)
                .line("YGX-HONEY-500", "椴树蜂蜜 500g", 2, 4990)
                .discount(1500)
                .address(new SimOrder.Address("陈静", "13600004444", "中国", "四川省", "成都市", "武侯区", "玉林北路12号3栋2单元602", null));
    }

    private static final Map<Integer, String> DESC = Map.of(1, "待确认/待支付", 105, "已支付", 2, "备货中", 101, "部分发货",
            3, "已发货", 4, "已取消", 5, "已完成");

    int status(SimOrder o) {
        if (o.statusOverride != null) {
            return intParam(o.statusOverride, 2);
        }
        return switch (o.stage) {
            case PENDING_PAYMENT -> 1;
            case PAID -> 2;
            case PARTIALLY_SHIPPED -> 101;
            case SHIPPED -> 3;
            case DELIVERED -> 5;
            case CLOSED -> 4;
        };
    }

    @Override
    ObjectNode render(SimOrder o) {
        int status = status(o);
        int main = o.stage == SimOrder.Stage.CLOSED && o.paidAt != null ? 21 : status;
        ObjectNode n = obj();
        n.put("shop_id", 4_463_798).put("shop_name", o.shop).put("order_id", o.orderId).put("order_level", 2).put("biz", 2)
                .put("order_type", 0).put("order_status", status).put("order_status_desc", DESC.getOrDefault(status, ""))
                .put("main_status", main).put("pay_type", 1).put("pay_time", epochSeconds(o.paidAt))
                .put("create_time", epochSeconds(o.createdAt)).put("update_time", epochSeconds(o.updatedAt))
                .put("finish_time", o.stage == SimOrder.Stage.DELIVERED ? epochSeconds(o.updatedAt) : 0)
                .put("order_amount", o.goodsMinor()).put("post_amount", o.shippingMinor).put("promotion_amount", o.discountMinor)
                .put("promotion_shop_amount", o.discountMinor).put("promotion_platform_amount", 0).put("promotion_talent_amount", 0)
                .put("pay_amount", o.totalMinor()).put("modify_amount", 0);
        if (o.address != null) {
            SimOrder.Address a = o.address;
            ObjectNode addr = n.putObject("post_addr");
            addr.putObject("province").put("name", a.province()).put("id", "51");
            addr.putObject("city").put("name", a.city()).put("id", "510100");
            addr.putObject("town").put("name", a.district()).put("id", "510107");
            addr.putObject("street").put("name", "").put("id", "");
            addr.put("detail", a.detail());
            n.put("post_receiver", a.name()).put("post_tel", a.phone()).put("mask_post_receiver", a.name().charAt(0) + "*")
                    .put("mask_post_tel", a.phone().substring(0, 3) + "****" + a.phone().substring(a.phone().length() - 4));
        }
        ArrayNode logistics = n.putArray("logistics_info");
        if (o.trackingNumber != null) {
            logistics.addObject().put("tracking_no", o.trackingNumber).put("company", o.carrier).put("company_name", o.carrier)
                    .put("ship_time", epochSeconds(o.shippedAt));
        }
        n.putArray("order_phase_list");
        ArrayNode skus = n.putArray("sku_order_list");
        long id = Long.parseLong(o.orderId);
        int i = 0;
        for (SimOrder.Line l : o.lines) {
            skus.addObject().put("order_id", String.valueOf(id + i)).put("parent_order_id", o.orderId).put("order_level", 3)
                    .put("product_id", 3_612_345_678_901_234_000L + i).put("sku_id", 1_761_234_567_890_100L + i)
                    .put("code", l.sku()).put("out_sku_id", "").put("out_product_id", l.sku().replaceAll("-[^-]+$", ""))
                    .put("product_name", l.title()).put("item_num", l.quantity()).put("origin_amount", l.unitPriceMinor())
                    .put("sum_amount", l.amountMinor()).put("pay_amount", l.amountMinor()).put("order_status", status)
                    .put("main_status", main).put("trade_type", 0).put("create_time", epochSeconds(o.createdAt))
                    .put("update_time", epochSeconds(o.updatedAt));
            i++;
        }
        n.put("exp_ship_time", epochSeconds(o.createdAt.plus(Duration.ofHours(48))));
        putExtra(n, o.extra);
        return n;
    }

    @Override
    ObjectNode detail(ObjectNode order) {
        ObjectNode doc = obj();
        doc.put("code", 10000).put("msg", "success").put("sub_code", "").put("sub_msg", "")
                .put("log_id", "sim" + System.nanoTime() % 1_000_000_000L);
        doc.putObject("data").set("shop_order_detail", order);
        return doc;
    }

    @Override
    String topic(SimOrder.Stage stage, int version) {
        return switch (stage) {
            case PENDING_PAYMENT -> "100";
            case PAID -> "101";
            case PARTIALLY_SHIPPED -> "108";
            case SHIPPED -> "102";
            case DELIVERED -> "103";
            case CLOSED -> "106";
        };
    }

    @Override
    Push push(Snapshot s, String deliveryId, String topic) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("event-sign", Signing.douyinEventSign(sim.appKey(), sim.secret(), s.document()));
        h.put("app-id", sim.appKey());
        h.put("X-Hub-Delivery", deliveryId);
        h.put("X-Hub-Topic", topic);
        return new Push(Map.of(), h, s.document());
    }

    @Override
    Push notification(Snapshot s, String deliveryId, String topic) {
        ObjectNode data = obj();
        data.put("biz", 2).put("order_status", s.order().path("order_status").asInt()).put("order_type", 0)
                .put("p_id", Long.parseLong(s.orderId())).put("shop_id", 4_463_798).put("update_time", s.updatedAt().getEpochSecond());
        ArrayNode sIds = data.putArray("s_ids");
        s.order().path("sku_order_list").forEach(x -> sIds.add(Long.parseLong(x.path("order_id").asText())));
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("tag", topic).put("msg_id", deliveryId).put("data", compactText(data));
        byte[] body = compact(messages);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("event-sign", Signing.douyinEventSign(sim.appKey(), sim.secret(), body));
        h.put("app-id", sim.appKey());
        h.put("X-Hub-Delivery", deliveryId);
        h.put("X-Hub-Topic", topic);
        return new Push(Map.of(), h, body);
    }

    // ------------------------------------------------------------------------------------------ open API

    private static ApiAnswer error(int code, String msg, String subCode, String subMsg) {
        ObjectNode out = obj();
        out.put("code", code).put("msg", msg).put("sub_code", subCode).put("sub_msg", subMsg)
                .put("log_id", "sim" + System.nanoTime() % 1_000_000);
        out.putObject("data");
        return ApiAnswer.json(200, compactText(out));
    }

    @Override
    ApiAnswer api(ApiRequest r) {
        Map<String, String> q = r.query();
        String paramJson = q.get("param_json");
        if (paramJson == null) {
            paramJson = r.isForm() ? r.params().get("param_json") : r.bodyText();
        }
        String method = q.getOrDefault("method", "");
        if (!sim.appKey().equals(q.get("app_key"))) {
            return error(30001, "app_key无效", "isv.app-key-invalid", "app_key不存在");
        }
        String expected = Signing.douyinApi(sim.secret(), q.get("app_key"), method, paramJson == null ? "" : paramJson,
                q.getOrDefault("timestamp", ""), q.getOrDefault("v", "2"), q.getOrDefault("sign_method", "hmac-sha256"));
        if (!Signing.constantTimeEquals(q.get("sign"), expected)) {
            return error(30005, "签名校验失败", "isv.sign-invalid", "sign不正确，请检查签名规则");
        }
        String shop = sim.shopForToken(q.get("access_token"));
        if (shop == null) {
            return error(30002, "access_token已过期", "isv.access-token-expired", "access_token无效或已过期");
        }
        JsonNode args = parse(paramJson);
        if (args == null) {
            return error(40004, "参数错误", "isv.parameter-invalid", "param_json不是合法的JSON");
        }
        return switch (method) {
            case "order.searchList" -> search(args, shop);
            case "order.orderDetail" -> {
                Snapshot s = sim.latest(channel(), shop, text(args, "shop_order_id"));
                yield s == null ? error(50002, "业务处理失败", "isv.business-failed:order-not-found", "订单不存在")
                        : ApiAnswer.json(200, s.documentText());
            }
            case "order.logisticsAdd" -> ship(args, shop, q);
            default -> error(40004, "参数错误", "isv.method-invalid", "method不存在: " + method);
        };
    }

    private ApiAnswer search(JsonNode args, String shop) {
        if (sim.takePullFailure(channel())) {
            return error(50000, "服务异常", "isp.service-error", "服务异常，请稍后重试");
        }
        long start = args.path("update_time_start").asLong(-1);
        long end = args.path("update_time_end").asLong(-1);
        if (start < 0 || end < start || Duration.ofSeconds(end - start).compareTo(Duration.ofDays(1)) > 0) {
            return error(40004, "参数错误", "isv.parameter-invalid", "update_time_start/update_time_end 必填，跨度不超过1天");
        }
        int pageNo = Math.max(0, args.path("page").asInt(0));
        int size = Math.min(100, Math.max(1, args.path("size").asInt(20)));
        List<Snapshot> all = sim.changed(channel(), shop, Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
        ObjectNode out = obj();
        out.put("code", 10000).put("msg", "success").put("sub_code", "").put("sub_msg", "").put("log_id", "sim" + System.nanoTime() % 1_000_000);
        ObjectNode data = out.putObject("data");
        ArrayNode list = data.putArray("shop_order_list");
        page(all, pageNo * size, size).forEach(s -> list.add(s.order()));
        data.put("total", all.size()).put("page", pageNo).put("size", size);
        return ApiAnswer.json(200, compactText(out));
    }

    private ApiAnswer ship(JsonNode args, String shop, Map<String, String> q) {
        Map<String, String> params = new LinkedHashMap<>();
        args.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        params.put("method", q.get("method"));
        return sim.writeBack(channel(), shop, "order.logisticsAdd", text(args, "order_id"), text(args, "logistics_code"),
                text(args, "company_code"), params, (outcome, reason) -> switch (outcome) {
                    case WriteBack.FAILED -> error(50000, "服务异常", "isp.service-error", "服务异常，请稍后重试");
                    case WriteBack.CONFLICT -> error(50002, "业务处理失败", "isv.business-failed:order-status", "订单状态不可发货: " + reason);
                    default -> {
                        ObjectNode out = obj();
                        out.put("code", 10000).put("msg", "success").put("sub_code", "").put("sub_msg", "")
                                .put("log_id", "sim" + System.nanoTime() % 1_000_000);
                        out.putObject("data");
                        yield ApiAnswer.json(200, compactText(out));
                    }
                });
    }
}
