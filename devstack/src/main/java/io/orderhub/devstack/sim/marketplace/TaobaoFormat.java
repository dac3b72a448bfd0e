package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Taobao/Tmall (TOP): {@code taobao.trade.fullinfo.get} trades (yuan strings, Beijing local times, lists wrapped
 * as {@code orders.order}), pushed by the hub's convention (the trade document as JSON body, TOP-signed query
 * {@code app_key, sign_method, timestamp, topic, sign}) or as a thin TMC message; the TOP gateway at
 * {@code /router/rest}: {@code taobao.trades.sold.increment.get} (modified window ≤ 1 day, {@code page_no},
 * {@code use_has_next}), {@code taobao.trade.fullinfo.get}, {@code taobao.logistics.offline.send}. Every call is
 * checked: app key, TOP signature, session.
 */
final class TaobaoFormat extends ChannelFormat {
    TaobaoFormat(MarketplaceSimulator sim) {
        super(sim);
    }

    @Override
    String channel() {
        return "taobao";
    }

    @Override
    List<String> apiPrefixes() {
        return List.of("/router/rest");
    }

    @Override
    String newOrderId(long sequence) {
        return String.valueOf(4_127_000_000_000_000_000L + sequence * 10);
    }

    @Override
    void seed(SimOrder o) {
        o.line("BED-YD-180-BLU", "云朵棉四件套 全棉 1.8m床", 1, 39900)
                .line("TWL-CT-3476-GRY", "长绒棉毛巾 加厚 34x76cm", 2, 5990)
                .discount(2600)
                .address(new SimOrder.Address("周晓雯", "13957100001", "", "浙江省", "杭州市", "西湖区",
                        "文一西路588号西溪首座B3幢1102室", "310012"));
    }

    String status(SimOrder o) {
        if (o.statusOverride != null) {
            return o.statusOverride;
        }
        return switch (o.stage) {
            case PENDING_PAYMENT -> "WAIT_BUYER_PAY";
            case PAID -> "WAIT_SELLER_SEND_GOODS";
            case PARTIALLY_SHIPPED -> "SELLER_CONSIGNED_PART";
            case SHIPPED -> "WAIT_BUYER_CONFIRM_GOODS";
            case DELIVERED -> "TRADE_FINISHED";
            case CLOSED -> o.paidAt == null ? "TRADE_CLOSED_BY_TAOBAO" : "TRADE_CLOSED";
        };
    }

    @Override
    ObjectNode render(SimOrder o) {
        long tid = Long.parseLong(o.orderId);
        ObjectNode t = obj();
        t.put("tid", tid);
        t.put("tid_str", o.orderId);
        t.put("type", "fixed");
        t.put("status", status(o));
        t.put("seller_nick", o.shop);
        t.put("buyer_nick", "b**" + tid % 10);
        t.put("created", Signing.beijing(o.createdAt));
        if (o.paidAt != null) {
            t.put("pay_time", Signing.beijing(o.paidAt));
        }
        t.put("modified", Signing.beijing(o.updatedAt));
        if (o.shippedAt != null) {
            t.put("consign_time", Signing.beijing(o.shippedAt));
        }
        t.put("total_fee", major(o.goodsMinor()));
        t.put("discount_fee", major(o.discountMinor));
        t.put("post_fee", major(o.shippingMinor));
        t.put("payment", major(o.totalMinor()));
        t.put("shipping_type", "express");
        if (o.address != null) {
            SimOrder.Address a = o.address;
            t.put("receiver_name", a.name()).put("receiver_mobile", a.phone()).put("receiver_phone", "")
                    .put("receiver_country", "").put("receiver_state", a.province()).put("receiver_city", a.city())
                    .put("receiver_district", a.district()).put("receiver_town", "").put("receiver_address", a.detail())
                    .put("receiver_zip", a.zip());
        }
        ArrayNode lines = t.putObject("orders").putArray("order");
        int i = 0;
        for (SimOrder.Line l : o.lines) {
            i++;
            boolean shipped = o.stage == SimOrder.Stage.SHIPPED || o.stage == SimOrder.Stage.DELIVERED
                    || (o.stage == SimOrder.Stage.PARTIALLY_SHIPPED && i == 1);
            ObjectNode line = lines.addObject();
            line.put("oid", tid + i).put("oid_str", String.valueOf(tid + i)).put("num_iid", 712_345_678_900L + i)
                    .put("sku_id", String.valueOf(5_123_456_789_000L + i)).put("title", l.title())
                    .put("outer_iid", l.sku().replaceAll("-[A-Z]+$", "")).put("outer_sku_id", l.sku())
                    .put("price", major(l.unitPriceMinor())).put("num", l.quantity()).put("total_fee", major(l.amountMinor()))
                    .put("payment", major(l.amountMinor()))
                    .put("status", shipped ? (o.stage == SimOrder.Stage.DELIVERED ? "TRADE_FINISHED" : "WAIT_BUYER_CONFIRM_GOODS")
                            : o.stage == SimOrder.Stage.PARTIALLY_SHIPPED ? "WAIT_SELLER_SEND_GOODS" : status(o))
                    .put("refund_status", o.stage == SimOrder.Stage.CLOSED && o.paidAt != null ? "SUCCESS" : "NO_REFUND");
            if (shipped && o.trackingNumber != null) {
                line.put("logistics_company", o.carrier).put("invoice_no", o.trackingNumber);
            }
        }
        putExtra(t, o.extra);
        return t;
    }

    @Override
    ObjectNode detail(ObjectNode order) {
        ObjectNode doc = obj();
        ObjectNode response = doc.putObject("trade_fullinfo_get_response");
        response.set("trade", order);
        response.put("request_id", "sim" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
        return doc;
    }

    @Override
    String topic(SimOrder.Stage stage, int version) {
        return switch (stage) {
            case PENDING_PAYMENT -> version == 1 ? "taobao_trade_TradeCreate" : "taobao_trade_TradeChanged";
            case PAID -> "taobao_trade_TradeBuyerPay";
            case PARTIALLY_SHIPPED -> "taobao_trade_TradePartlySellerShip";
            case SHIPPED -> "taobao_trade_TradeSellerShip";
            case DELIVERED -> "taobao_trade_TradeSuccess";
            case CLOSED -> "taobao_trade_TradeClose";
        };
    }

    private Push signed(byte[] body, String deliveryId, String topic) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", sim.appKey());
        q.put("sign_method", "md5");
        q.put("timestamp", Signing.beijing(Instant.now()));
        q.put("topic", topic);
        q.put("sign", Signing.top(sim.secret(), q, body));
        return new Push(q, Map.of("Content-Type", "application/json", "X-Hub-Delivery", deliveryId), body);
    }

    @Override
    Push push(Snapshot s, String deliveryId, String topic) {
        return signed(s.document(), deliveryId, topic);
    }

    @Override
    Push notification(Snapshot s, String deliveryId, String topic) {
        ObjectNode content = obj();
        content.put("buyer_nick", s.order().path("buyer_nick").asText()).put("payment", s.order().path("payment").asText())
                .put("oid", Long.parseLong(s.orderId())).put("tid", Long.parseLong(s.orderId())).put("type", "fixed")
                .put("seller_nick", s.shop()).put("status", s.order().path("status").asText());
        ObjectNode msg = obj();
        msg.put("id", Long.parseLong(deliveryId)).put("topic", topic).put("pub_time", Signing.beijing(s.updatedAt()))
                .put("outgoing_time", Signing.beijing(Instant.now())).put("user_id", 2_201_234_567_890L).put("user_nick", s.shop())
                .put("pub_app_key", "12497914").put("content", compactText(content));
        return signed(compact(msg), deliveryId, topic);
    }

    // ------------------------------------------------------------------------------------------ TOP gateway

    private static ApiAnswer error(int code, String msg, String subCode, String subMsg) {
        ObjectNode out = obj();
        ObjectNode e = out.putObject("error_response");
        e.put("code", code).put("msg", msg);
        if (subCode != null) {
            e.put("sub_code", subCode).put("sub_msg", subMsg);
        }
        e.put("request_id", "sim" + System.nanoTime() % 1_000_000);
        return ApiAnswer.json(200, compactText(out));
    }

    @Override
    ApiAnswer api(ApiRequest r) {
        Map<String, String> p = r.params();
        if (!sim.appKey().equals(p.get("app_key"))) {
            return error(29, "Invalid app Key", null, null);
        }
        if (!Signing.constantTimeEquals(p.get("sign"), Signing.top(sim.secret(), p, new byte[0]))) {
            return error(25, "Invalid signature", null, null);
        }
        String shop = sim.shopForToken(p.get("session"));
        if (shop == null) {
            return error(27, "Invalid session", "invalid-sessionkey", "SessionKey非法");
        }
        String method = p.getOrDefault("method", "");
        return switch (method) {
            case "taobao.trades.sold.increment.get" -> increment(p, shop);
            case "taobao.trade.fullinfo.get" -> {
                Snapshot s = sim.latest(channel(), shop, p.get("tid"));
                yield s == null ? error(15, "Remote service error", "isv.trade-not-exist", "交易不存在") : ApiAnswer.json(200, s.documentText());
            }
            case "taobao.logistics.offline.send" -> ship(p, shop);
            default -> error(22, "Invalid method", null, null);
        };
    }

    private ApiAnswer increment(Map<String, String> p, String shop) {
        if (sim.takePullFailure(channel())) {
            return error(15, "Remote service error", "isp.remote-service-unavailable", "服务暂时不可用，请稍后重试");
        }
        Instant start = Signing.parseBeijing(p.get("start_modified"));
        Instant end = Signing.parseBeijing(p.get("end_modified"));
        if (start == null || end == null) {
            return error(40, "Missing required arguments:start_modified,end_modified", null, null);
        }
        if (end.isBefore(start) || Duration.between(start, end).compareTo(Duration.ofDays(1)) > 0) {
            return error(15, "Remote service error", "isv.invalid-parameter", "start_modified与end_modified必须在同一天内(一天之内)");
        }
        int pageNo = Math.max(1, intParam(p.get("page_no"), 1));
        int size = Math.min(100, Math.max(1, intParam(p.get("page_size"), 40)));
        List<Snapshot> all = sim.changed(channel(), shop, start, end);
        List<Snapshot> page = page(all, (pageNo - 1) * size, size);
        ObjectNode out = obj();
        ObjectNode response = out.putObject("trades_sold_increment_get_response");
        response.put("total_results", all.size());
        response.put("has_next", pageNo * size < all.size());
        ArrayNode trades = response.putObject("trades").putArray("trade");
        page.forEach(s -> trades.add(s.order()));
        response.put("request_id", "sim" + System.nanoTime() % 1_000_000);
        return ApiAnswer.json(200, compactText(out));
    }

    private ApiAnswer ship(Map<String, String> p, String shop) {
        return sim.writeBack(channel(), shop, "taobao.logistics.offline.send", p.get("tid"), p.get("out_sid"), p.get("company_code"),
                p, (outcome, reason) -> switch (outcome) {
                    case WriteBack.FAILED -> error(15, "Remote service error", "isp.remote-service-unavailable", "服务暂时不可用，请稍后重试");
                    case WriteBack.CONFLICT -> error(15, "Remote service error", "isv.logistics-offline-service-error:B04",
                            "订单状态不允许发货: " + reason);
                    default -> {
                        ObjectNode out = obj();
                        out.putObject("logistics_offline_send_response").putObject("shipping").put("is_success", true);
                        yield ApiAnswer.json(200, compactText(out));
                    }
                });
    }
}
