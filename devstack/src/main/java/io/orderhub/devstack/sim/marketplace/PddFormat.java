package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pinduoduo (POP): {@code order_info} documents (yuan as JSON numbers, Beijing times), pushed by the hub's
 * convention (form {@code client_id, data_type, message, timestamp, type, sign}; {@code message} = the document,
 * or a thin PMC frame); the POP gateway at {@code /api/router}: {@code pdd.order.number.list.increment.get}
 * (update window ≤ 30 minutes, Unix seconds, {@code page}/{@code page_size}, {@code has_next}),
 * {@code pdd.order.information.get}, {@code pdd.logistics.online.send}. Calls are checked: client id,
 * {@code upper(MD5(secret + sorted pairs + secret))}, access token. Error codes are reconstructed (R).
 */
final class PddFormat extends ChannelFormat {
    PddFormat(MarketplaceSimulator sim) {
        super(sim);
    }

    @Override
    String channel() {
        return "pdd";
    }

    @Override
    List<String> apiPrefixes() {
        return List.of("/api/router");
    }

    @Override
    String newOrderId(long sequence) {
        String day = java.time.format.DateTimeFormatter.ofPattern("yyMMdd").format(Instant.now().atZone(Signing.BEIJING));
        return day + "-" + String.format("%015d", 51_237_749_000_000L + sequence);
    }

    @Override
    void seed(SimOrder o) {
        o.line("SNK-NUT-500-ORG", "每日坚果礼盒 500g", 1, 5990)
                .line("SNK-DATE-250-RED", "新疆和田大枣 250g", 2, 1995)
                .shipping(300).discount(1590)
                .address(new SimOrder.Address("刘洋", "13500003333", "中国", "广东省", "深圳市", "南山区",
                        "粤海街道科技南十二路18号长虹科技大厦2207", null));
    }

    @Override
    ObjectNode render(SimOrder o) {
        int orderStatus = 1;
        int confirm = 1;
        int refund = 1;
        switch (o.stage) {
            case PENDING_PAYMENT -> confirm = 0;
            case SHIPPED -> orderStatus = 2;
            case DELIVERED -> orderStatus = 3;
            case CLOSED -> {
                if (o.paidAt == null) {
                    confirm = 2;
                } else {
                    refund = 4;
                }
            }
            case PARTIALLY_SHIPPED -> throw new IllegalArgumentException("Pinduoduo ships whole orders: no PARTIALLY_SHIPPED");
            default -> {
            }
        }
        ObjectNode n = obj();
        n.put("order_sn", o.orderId);
        if (o.statusOverride != null) {
            n.put("order_status", intParam(o.statusOverride, orderStatus));
        } else {
            n.put("order_status", orderStatus);
        }
        n.put("refund_status", refund).put("confirm_status", confirm).put("group_status", 1).put("risk_control_status", 0)
                .put("trade_type", 0).put("after_sales_status", refund == 4 ? 10 : 0).put("is_pre_sale", 0)
                .put("goods_amount", majorNumber(o.goodsMinor())).put("discount_amount", majorNumber(o.discountMinor))
                .put("platform_discount", majorNumber(0)).put("seller_discount", majorNumber(o.discountMinor))
                .put("capital_free_discount", majorNumber(0)).put("postage", majorNumber(o.shippingMinor))
                .put("pay_amount", majorNumber(o.totalMinor())).put("pay_type", "WEIXIN")
                .put("created_time", Signing.beijing(o.createdAt))
                .put("pay_time", o.paidAt == null ? "" : Signing.beijing(o.paidAt))
                .put("confirm_time", o.paidAt == null ? "" : Signing.beijing(o.paidAt))
                .put("updated_at", Signing.beijing(o.updatedAt))
                .put("last_ship_time", Signing.beijing(o.createdAt.plus(Duration.ofHours(48))))
                .put("shipping_time", o.shippedAt == null ? "" : Signing.beijing(o.shippedAt))
                .put("receive_time", o.stage == SimOrder.Stage.DELIVERED ? Signing.beijing(o.updatedAt) : "")
                .put("tracking_number", o.trackingNumber == null ? "" : o.trackingNumber)
                .put("logistics_id", o.carrier == null ? 0 : intParam(o.carrier, 0));
        ArrayNode items = n.putArray("item_list");
        int i = 0;
        for (SimOrder.Line l : o.lines) {
            i++;
            items.addObject().put("goods_id", 512_398_776_100L + i).put("sku_id", String.valueOf(1_178_654_321_000L + i))
                    .put("outer_goods_id", l.sku().replaceAll("-[^-]+$", "")).put("outer_id", l.sku()).put("goods_name", l.title())
                    .put("goods_price", majorNumber(l.unitPriceMinor())).put("goods_count", l.quantity());
        }
        n.putArray("gift_list");
        n.set("step_order_info", NullNode.getInstance());
        if (o.address != null) {
            SimOrder.Address a = o.address;
            n.put("country", "中国").put("province", a.province()).put("city", a.city()).put("town", a.district())
                    .put("address", a.province() + a.city() + a.district() + a.detail()).put("receiver_address", a.detail())
                    .put("receiver_name", a.name()).put("receiver_phone", a.phone())
                    .put("receiver_name_mask", a.name().charAt(0) + "*")
                    .put("receiver_phone_mask", a.phone().substring(0, 3) + "****" + a.phone().substring(a.phone().length() - 4));
        }
        putExtra(n, o.extra);
        return n;
    }

    @Override
    ObjectNode detail(ObjectNode order) {
        ObjectNode doc = obj();
        ObjectNode response = doc.putObject("order_info_get_response");
        response.set("order_info", order);
        response.put("request_id", String.valueOf(System.nanoTime() % 10_000_000_000L));
        return doc;
    }

    @Override
    String topic(SimOrder.Stage stage, int version) {
        return switch (stage) {
            case SHIPPED -> "pdd_trade_TradeSellerShip";
            case DELIVERED -> "pdd_trade_TradeSuccess";
            case CLOSED -> "pdd_refund_RefundCreated";
            default -> version == 1 ? "pdd_trade_TradeConfirmed" : "pdd_trade_TradeMemoModified";
        };
    }

    private Push form(String message, String type, String deliveryId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("client_id", sim.appKey());
        f.put("data_type", "JSON");
        f.put("message", message);
        f.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        f.put("type", type);
        f.put("sign", Signing.md5Wrapped(sim.secret(), f, new byte[0]));
        String body = f.entrySet().stream().map(e -> JdFormat.enc(e.getKey()) + "=" + JdFormat.enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return new Push(Map.of(), Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8", "X-Hub-Delivery", deliveryId),
                Signing.utf8(body));
    }

    @Override
    Push push(Snapshot s, String deliveryId, String topic) {
        return form(s.documentText(), topic, deliveryId);
    }

    @Override
    Push notification(Snapshot s, String deliveryId, String topic) {
        ObjectNode content = obj();
        content.put("mall_id", 812_345_678L).put("tid", s.orderId());
        ObjectNode frame = obj();
        frame.put("id", Long.parseLong(deliveryId)).put("commandType", "Common").put("time", System.currentTimeMillis())
                .put("sendTime", System.currentTimeMillis());
        frame.putObject("message").put("type", topic).put("mallID", 812_345_678L).put("content", compactText(content));
        return form(compactText(frame), topic, deliveryId);
    }

    // ------------------------------------------------------------------------------------------ POP gateway

    private static ApiAnswer error(int code, String msg, String subCode, String subMsg) {
        ObjectNode out = obj();
        out.putObject("error_response").put("error_code", code).put("error_msg", msg).put("sub_code", subCode == null ? "" : subCode)
                .put("sub_msg", subMsg == null ? "" : subMsg).put("request_id", String.valueOf(System.nanoTime() % 1_000_000));
        return ApiAnswer.json(200, compactText(out));
    }

    @Override
    ApiAnswer api(ApiRequest r) {
        Map<String, String> p = r.params();
        if (!sim.appKey().equals(p.get("client_id"))) {
            return error(10016, "client_id不存在", null, null);
        }
        if (!Signing.constantTimeEquals(p.get("sign"), Signing.md5Wrapped(sim.secret(), p, new byte[0]))) {
            return error(10017, "签名错误", null, "sign不正确");
        }
        String shop = sim.shopForToken(p.get("access_token"));
        if (shop == null) {
            return error(10019, "access_token已过期", null, null);
        }
        return switch (p.getOrDefault("type", "")) {
            case "pdd.order.number.list.increment.get" -> increment(p, shop);
            case "pdd.order.information.get" -> {
                Snapshot s = sim.latest(channel(), shop, p.get("order_sn"));
                yield s == null ? error(50000, "订单不存在", "order.not.exist", "订单不存在") : ApiAnswer.json(200, s.documentText());
            }
            case "pdd.logistics.online.send" -> ship(p, shop);
            default -> error(10000, "type不存在", null, null);
        };
    }

    private ApiAnswer increment(Map<String, String> p, String shop) {
        if (sim.takePullFailure(channel())) {
            return error(70031, "服务繁忙，请稍后重试", "isp.service-busy", "服务繁忙");
        }
        long start = longParam(p.get("start_updated_at"), -1);
        long end = longParam(p.get("end_updated_at"), -1);
        if (start < 0 || end < start || end - start > 30 * 60) {
            return error(10000, "参数错误", "invalid.time.range", "start_updated_at与end_updated_at间隔不能超过30分钟");
        }
        int pageNo = Math.max(1, intParam(p.get("page"), 1));
        int size = Math.min(100, Math.max(1, intParam(p.get("page_size"), 100)));
        List<Snapshot> all = sim.changed(channel(), shop, Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
        ObjectNode out = obj();
        ObjectNode response = out.putObject("order_sn_increment_get_response");
        response.put("total_count", all.size());
        response.put("has_next", pageNo * size < all.size());
        ArrayNode list = response.putArray("order_sn_list");
        page(all, (pageNo - 1) * size, size).forEach(s -> list.add(s.order()));
        return ApiAnswer.json(200, compactText(out));
    }

    private ApiAnswer ship(Map<String, String> p, String shop) {
        Map<String, String> params = new LinkedHashMap<>(p);
        params.remove("sign");
        return sim.writeBack(channel(), shop, "pdd.logistics.online.send", p.get("order_sn"), p.get("tracking_number"),
                p.get("logistics_id"), params, (outcome, reason) -> switch (outcome) {
                    case WriteBack.FAILED -> error(70031, "服务繁忙，请稍后重试", "isp.service-busy", "服务繁忙");
                    case WriteBack.CONFLICT -> error(60006, "订单状态不允许发货", "order.status.invalid", reason);
                    default -> {
                        ObjectNode out = obj();
                        out.putObject("logistics_online_send_response").put("is_success", true)
                                .put("request_id", String.valueOf(System.nanoTime() % 1_000_000));
                        yield ApiAnswer.json(200, compactText(out));
                    }
                });
    }
}
