package io.orderhub.devstack.sim.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generic channel ({@code app}): a retailer's own mini-program or app speaking the hub's own documented wire
 * format (order-ingest-service/README.md, "The generic channel"): a JSON order document with decimal-string
 * amounts in yuan and ISO-8601 times with an offset; pushes signed {@code X-OrderHub-Signature =
 * hex(HMAC-SHA256(secret, timestamp + "." + raw body))} with {@code X-OrderHub-Timestamp} and
 * {@code X-OrderHub-Delivery-Id}; the pull API the app serves at {@code /app/<shop>/orderhub/v1/orders}
 * ({@code updated_from}, {@code updated_to}, {@code limit}, {@code cursor} → {@code orders}, {@code next_cursor}) and
 * {@code /app/<shop>/orderhub/v1/orders/<order_id>}, authenticated by {@code Authorization: Bearer <access token>}; and
 * the write-back the hub sends when it ships an app order, {@code POST /app/<shop>/orderhub/v1/orders/<order_id>/shipments}
 * ({@code carrier}, {@code tracking_number}, {@code shipped_at}), signed by the hub with the same HMAC scheme and
 * made idempotent by its {@code X-OrderHub-Delivery-Id}: {@code 200} accepted (a repeat too), {@code 409} the app's
 * order disagrees, {@code 401} a bad signature or stale timestamp, {@code 404} an unknown order, {@code 503} on request.
 */
final class AppFormat extends ChannelFormat {
    static final String CHANNEL = "app";
    private static final ZoneOffset SHOP_OFFSET = ZoneOffset.ofHours(8);
    private static final Pattern PATH = Pattern.compile("^/app/([^/]+)/orderhub/v1/orders(?:/([^/]+))?$");
    private static final Pattern SHIPMENTS = Pattern.compile("^/app/([^/]+)/orderhub/v1/orders/([^/]+)/shipments$");
    /** The hub's clock may differ from the app's by this much (the same window the hub applies to the app's pushes). */
    private static final long CLOCK_SKEW_SECONDS = 300;

    /** Which shipment each write-back delivery id carried: a delivery id is one shipment, however often it is retried. */
    private final Map<String, String> shipmentByDeliveryId = new ConcurrentHashMap<>();

    AppFormat(MarketplaceSimulator sim) {
        super(sim);
    }

    @Override
    String channel() {
        return CHANNEL;
    }

    @Override
    List<String> apiPrefixes() {
        return List.of("/app/");
    }

    @Override
    String newOrderId(long sequence) {
        return "MP" + String.format("%013d", sequence);
    }

    @Override
    void seed(SimOrder o) {
        o.line("TEA-LJ-250", "明前龙井 250g 礼盒", 1, 29800)
                .line("CUP-GL-2", "双层玻璃杯 2只装", 2, 4900)
                .shipping(1000).discount(2000)
                .address(new SimOrder.Address("周雨桐", "13857100021", "CN", "浙江省", "杭州市", "西湖区", "文三路90号东部软件园3号楼501",
                        "310012"));
    }

    static String time(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, SHOP_OFFSET).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static String status(SimOrder o) {
        if (o.statusOverride != null) {
            return o.statusOverride;
        }
        return switch (o.stage) {
            case PENDING_PAYMENT -> "pending_payment";
            case PAID -> "paid";
            case PARTIALLY_SHIPPED -> "partially_shipped";
            case SHIPPED -> "shipped";
            case DELIVERED -> "delivered";
            case CLOSED -> o.paidAt == null ? "cancelled" : "refunded";
        };
    }

    @Override
    ObjectNode render(SimOrder o) {
        ObjectNode n = obj();
        n.put("order_id", o.orderId).put("status", status(o)).put("risk_hold", false).put("currency", o.currency)
                .put("created_at", time(o.createdAt)).put("paid_at", time(o.paidAt)).put("updated_at", time(o.updatedAt))
                .put("goods_total", major(o.goodsMinor())).put("shipping_fee", major(o.shippingMinor))
                .put("discount", major(o.discountMinor)).put("total", major(o.totalMinor()));
        ArrayNode lines = n.putArray("lines");
        for (SimOrder.Line l : o.lines) {
            lines.addObject().put("line_id", l.lineId()).put("sku", l.sku()).put("title", l.title()).put("quantity", l.quantity())
                    .put("unit_price", major(l.unitPriceMinor())).put("amount", major(l.amountMinor()));
        }
        if (o.address != null) {
            SimOrder.Address a = o.address;
            n.putObject("shipping_address").put("name", a.name()).put("phone", a.phone()).put("country", a.country())
                    .put("province", a.province()).put("city", a.city()).put("district", a.district()).put("address", a.detail())
                    .put("postal_code", a.zip());
        }
        ArrayNode shipments = n.putArray("shipments");
        if (o.trackingNumber != null) {
            shipments.addObject().put("carrier", o.carrier).put("tracking_number", o.trackingNumber).put("shipped_at", time(o.shippedAt));
        }
        putExtra(n, o.extra);
        return n;
    }

    @Override
    ObjectNode detail(ObjectNode order) {
        return order; // the push and the per-order API carry the order document itself
    }

    @Override
    String topic(SimOrder.Stage stage, int version) {
        return version == 1 ? "order.created" : "order." + stage.name().toLowerCase(Locale.ROOT);
    }

    @Override
    Push push(Snapshot s, String deliveryId, String topic) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-OrderHub-Timestamp", timestamp);
        h.put("X-OrderHub-Signature", Signing.appSignature(sim.secret(), timestamp, s.document()));
        h.put("X-OrderHub-Delivery-Id", deliveryId);
        h.put("X-OrderHub-Event", topic);
        return new Push(Map.of(), h, s.document());
    }

    // ------------------------------------------------------------------------------------------ the app's pull API

    private static ApiAnswer error(int status, String code, String message) {
        ObjectNode out = obj();
        out.put("error", code).put("message", message);
        return ApiAnswer.json(status, compactText(out));
    }

    @Override
    ApiAnswer api(ApiRequest r) {
        Matcher shipment = SHIPMENTS.matcher(r.path());
        if (shipment.matches() && r.method().equals("POST")) {
            return ship(r, shipment.group(1), shipment.group(2));
        }
        Matcher m = PATH.matcher(r.path());
        if (!m.matches() || !r.method().equals("GET")) {
            return error(404, "not_found", "no such resource: " + r.method() + " " + r.path());
        }
        String shop = m.group(1);
        String auth = r.header("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (token == null || !shop.equals(sim.shopForToken(token))) {
            return error(401, "invalid_token", "send Authorization: Bearer <the shop's access token>");
        }
        if (m.group(2) != null) {
            Snapshot s = sim.latest(channel(), shop, m.group(2));
            return s == null ? error(404, "order_not_found", "no order " + m.group(2)) : ApiAnswer.json(200, s.documentText());
        }
        return list(r, shop);
    }

    private ApiAnswer list(ApiRequest r, String shop) {
        if (sim.takePullFailure(channel())) {
            return error(503, "unavailable", "the shop's order service is temporarily unavailable");
        }
        Map<String, String> q = r.query();
        int limit = Math.max(1, Math.min(100, intParam(q.get("limit"), 50)));
        Instant from;
        Instant to;
        int offset;
        try {
            if (q.get("cursor") != null) {
                String[] cursor = new String(Base64.getUrlDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8).split("\\|");
                from = Instant.parse(cursor[0]);
                to = Instant.parse(cursor[1]);
                offset = Integer.parseInt(cursor[2]);
            } else {
                if (q.get("updated_from") == null || q.get("updated_to") == null) {
                    return error(400, "invalid_request", "updated_from and updated_to are required (ISO-8601 with offset)");
                }
                from = OffsetDateTime.parse(q.get("updated_from")).toInstant();
                to = OffsetDateTime.parse(q.get("updated_to")).toInstant();
                offset = 0;
            }
        } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return error(400, "invalid_request", "updated_from/updated_to must be ISO-8601 times with an offset, cursor as given");
        }
        List<Snapshot> all = sim.changed(channel(), shop, from, to);
        List<Snapshot> page = page(all, offset, limit);
        ObjectNode out = obj();
        ArrayNode orders = out.putArray("orders");
        page.forEach(s -> orders.add(s.order()));
        if (offset + page.size() < all.size()) {
            out.put("next_cursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((from + "|" + to + "|" + (offset + page.size())).getBytes(StandardCharsets.UTF_8)));
        } else {
            out.putNull("next_cursor");
        }
        return ApiAnswer.json(200, compactText(out));
    }

    // ------------------------------------------------------------------------------------------ the hub's write-back

    private static ApiAnswer problem(int status, String title, String detail) {
        ObjectNode out = obj();
        out.put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
        return new ApiAnswer(status, "application/problem+json", compact(out), Map.of());
    }

    /** What an app checks before it believes a write-back came from the hub: a fresh timestamp and the shop's HMAC over it and the body. */
    private String refusedSignature(ApiRequest r) {
        String timestamp = r.header("X-OrderHub-Timestamp");
        long sentAt = longParam(timestamp, -1);
        if (sentAt < 0) {
            return "X-OrderHub-Timestamp (Unix seconds) is missing or not a number";
        }
        if (Math.abs(Instant.now().getEpochSecond() - sentAt) > CLOCK_SKEW_SECONDS) {
            return "X-OrderHub-Timestamp " + timestamp + " is more than 5 minutes from the app's clock";
        }
        if (!Signing.constantTimeEquals(r.header("X-OrderHub-Signature"), Signing.appSignature(sim.secret(), timestamp, r.body()))) {
            return "X-OrderHub-Signature does not match HMAC-SHA256(shop secret, timestamp + \".\" + body)";
        }
        return null;
    }

    private ApiAnswer ship(ApiRequest r, String shop, String orderId) {
        String refused = refusedSignature(r);
        if (refused != null) {
            return problem(401, "Unauthorized", refused);
        }
        String deliveryId = r.header("X-OrderHub-Delivery-Id");
        if (deliveryId == null || deliveryId.isBlank()) {
            return problem(400, "Bad Request", "X-OrderHub-Delivery-Id is required (the same id on every retry of one shipment)");
        }
        JsonNode body = parse(r.bodyText());
        if (body == null || !body.isObject()) {
            return problem(400, "Bad Request", "the body is not a JSON object");
        }
        String tracking = text(body, "tracking_number");
        String carrier = text(body, "carrier");
        if (tracking == null || tracking.isBlank() || carrier == null || carrier.isBlank()) {
            return problem(422, "Unprocessable Content", "carrier and tracking_number are required");
        }
        if (sim.latest(channel(), shop, orderId) == null) {
            return problem(404, "Not Found", "no order " + orderId + " in shop " + shop);
        }
        String previous = shipmentByDeliveryId.putIfAbsent(deliveryId, orderId + "|" + tracking);
        if (previous != null && !previous.equals(orderId + "|" + tracking)) {
            return problem(409, "Conflict", "delivery id " + deliveryId + " was already used for another shipment");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("X-OrderHub-Delivery-Id", deliveryId);
        params.put("X-OrderHub-Timestamp", r.header("X-OrderHub-Timestamp"));
        params.put("X-OrderHub-Event", String.valueOf(r.header("X-OrderHub-Event")));
        body.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return sim.writeBack(channel(), shop, "POST shipments", orderId, tracking, carrier, params, (outcome, reason) -> switch (outcome) {
            case WriteBack.FAILED -> problem(503, "Service Unavailable", "the shop's order service is temporarily unavailable");
            case WriteBack.CONFLICT -> problem(409, "Conflict", reason);
            default -> {
                ObjectNode out = obj();
                out.put("order_id", orderId).put("status", "shipped").put("carrier", carrier).put("tracking_number", tracking);
                yield ApiAnswer.json(200, compactText(out));
            }
        });
    }
}
