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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify: the REST {@code Order} resource (decimal strings in shop currency, ISO-8601 with the shop's offset),
 * {@code orders/*} webhooks signed {@code X-Shopify-Hmac-Sha256}, and the Admin REST API of one shop at
 * {@code /shopify/<shop>/admin/api/<version>/…} (standing for {@code https://<shop>.myshopify.com/admin/api/…}):
 * {@code orders.json?updated_at_min=…} paged by {@code Link: <…page_info=…>; rel="next"}, {@code orders/<id>.json},
 * {@code orders/<id>/fulfillment_orders.json} and {@code POST fulfillments.json} (tracking info), authenticated by
 * {@code X-Shopify-Access-Token}.
 */
final class ShopifyFormat extends ChannelFormat {
    static final String API_VERSION = "2026-10";
    private static final ZoneOffset SHOP_OFFSET = ZoneOffset.ofHours(-5);
    private static final Pattern PATH = Pattern.compile("^/shopify/([^/]+)/admin/api/([^/]+)/(.+)$");

    ShopifyFormat(MarketplaceSimulator sim) {
        super(sim);
    }

    @Override
    String channel() {
        return "shopify";
    }

    @Override
    List<String> apiPrefixes() {
        return List.of("/shopify/");
    }

    @Override
    String currency() {
        return "USD";
    }

    @Override
    String newOrderId(long sequence) {
        return String.valueOf(5_800_000_000_000L + sequence);
    }

    @Override
    void seed(SimOrder o) {
        o.line("SS-POUR-SET-WHT", "Sanshan Pour-Over Set - White", 1, 4500)
                .line("SS-FILTER-100", "Paper Filters (100)", 2, 2250)
                .shipping(500).discount(600)
                .address(new SimOrder.Address("Emily Carter", "+1 503-555-0142", "US", "OR", "Portland", null,
                        "1187 Alder Street, Apt 4B", "97205"));
    }

    static String time(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, SHOP_OFFSET).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static long fulfillmentOrderId(String orderId) {
        return Long.parseLong(orderId) * 10 + 1;
    }

    @Override
    ObjectNode render(SimOrder o) {
        long id = Long.parseLong(o.orderId);
        String financial;
        String fulfillment = null;
        switch (o.stage) {
            case PENDING_PAYMENT -> financial = "pending";
            case PARTIALLY_SHIPPED -> {
                financial = "paid";
                fulfillment = "partial";
            }
            case SHIPPED, DELIVERED -> {
                financial = "paid";
                fulfillment = "fulfilled";
            }
            case CLOSED -> financial = o.paidAt == null ? "voided" : "refunded";
            default -> financial = "paid";
        }
        if (o.statusOverride != null) {
            financial = o.statusOverride;
        }
        ObjectNode n = obj();
        n.put("id", id);
        n.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
        n.put("name", "#" + (1000 + id % 100000));
        n.put("order_number", 1000 + id % 100000);
        n.put("email", "buyer-" + id % 10000 + "@example.com");
        n.put("currency", o.currency);
        n.put("presentment_currency", o.currency);
        n.put("created_at", time(o.createdAt));
        n.put("updated_at", time(o.updatedAt));
        n.put("processed_at", time(o.paidAt != null ? o.paidAt : o.createdAt));
        boolean closed = o.stage == SimOrder.Stage.CLOSED;
        n.put("cancelled_at", closed ? time(o.updatedAt) : null);
        n.put("cancel_reason", closed ? "customer" : null);
        n.put("closed_at", (String) null);
        n.put("financial_status", financial);
        n.put("fulfillment_status", fulfillment);
        n.put("total_line_items_price", major(o.goodsMinor()));
        n.put("total_discounts", major(o.discountMinor));
        n.put("subtotal_price", major(o.goodsMinor() - o.discountMinor));
        n.put("total_tax", "0.00");
        n.put("taxes_included", false);
        ObjectNode shippingSet = n.putObject("total_shipping_price_set");
        shippingSet.putObject("shop_money").put("amount", major(o.shippingMinor)).put("currency_code", o.currency);
        shippingSet.putObject("presentment_money").put("amount", major(o.shippingMinor)).put("currency_code", o.currency);
        n.put("total_price", major(o.totalMinor()));
        n.put("current_total_price", closed ? "0.00" : major(o.totalMinor()));
        n.put("total_outstanding", o.stage == SimOrder.Stage.PENDING_PAYMENT ? major(o.totalMinor()) : "0.00");
        ArrayNode lines = n.putArray("line_items");
        int i = 0;
        for (SimOrder.Line l : o.lines) {
            i++;
            boolean shipped = o.stage == SimOrder.Stage.SHIPPED || o.stage == SimOrder.Stage.DELIVERED
                    || (o.stage == SimOrder.Stage.PARTIALLY_SHIPPED && i == 1);
            lines.addObject().put("id", id * 100 + i).put("variant_id", 44_000_000_000_000L + id % 1_000_000 * 10 + i)
                    .put("product_id", 8_000_000_000_000L + id % 1_000_000 * 10 + i).put("sku", l.sku()).put("name", l.title())
                    .put("title", l.title()).put("quantity", l.quantity()).put("current_quantity", l.quantity())
                    .put("fulfillable_quantity", shipped || closed ? 0 : l.quantity())
                    .put("fulfillment_status", shipped ? "fulfilled" : null).put("price", major(l.unitPriceMinor()))
                    .putArray("discount_allocations");
        }
        if (o.address != null) {
            SimOrder.Address a = o.address;
            String[] parts = a.name().split(" ", 2);
            String[] street = a.detail() == null ? new String[]{""} : a.detail().split(", ", 2);
            n.putObject("shipping_address").put("first_name", parts[0]).put("last_name", parts.length > 1 ? parts[1] : "")
                    .put("name", a.name()).put("address1", street[0]).put("address2", street.length > 1 ? street[1] : null)
                    .put("city", a.city()).put("province", a.province()).put("province_code", a.province())
                    .put("country", "United States").put("country_code", a.country()).put("zip", a.zip()).put("phone", a.phone());
        }
        ArrayNode fulfillments = n.putArray("fulfillments");
        if (o.trackingNumber != null) {
            ObjectNode f = fulfillments.addObject();
            f.put("id", id * 10 + 7).put("order_id", id).put("status", "success").put("tracking_company", o.carrier)
                    .put("tracking_number", o.trackingNumber).put("created_at", time(o.shippedAt))
                    .put("shipment_status", o.stage == SimOrder.Stage.DELIVERED ? "delivered" : "in_transit");
            f.putArray("tracking_numbers").add(o.trackingNumber);
        }
        n.putArray("refunds");
        putExtra(n, o.extra);
        return n;
    }

    @Override
    ObjectNode detail(ObjectNode order) {
        return order; // the webhook body is the Order resource itself
    }

    @Override
    String topic(SimOrder.Stage stage, int version) {
        if (version == 1) {
            return "orders/create";
        }
        return switch (stage) {
            case PAID -> "orders/paid";
            case PARTIALLY_SHIPPED -> "orders/partially_fulfilled";
            case SHIPPED -> "orders/fulfilled";
            case CLOSED -> "orders/cancelled";
            default -> "orders/updated";
        };
    }

    @Override
    Push push(Snapshot s, String deliveryId, String topic) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-Shopify-Topic", topic);
        h.put("X-Shopify-Hmac-Sha256", Signing.shopifyHmac(sim.secret(), s.document()));
        h.put("X-Shopify-Shop-Domain", s.shop() + ".myshopify.com");
        h.put("X-Shopify-API-Version", API_VERSION);
        h.put("X-Shopify-Webhook-Id", deliveryId);
        h.put("X-Shopify-Event-Id", UUID.nameUUIDFromBytes((s.shop() + ":" + s.orderId() + ":" + s.version())
                .getBytes(StandardCharsets.UTF_8)).toString());
        h.put("X-Shopify-Triggered-At", s.updatedAt().toString());
        return new Push(Map.of(), h, s.document());
    }

    // ------------------------------------------------------------------------------------------ Admin REST API

    @Override
    ApiAnswer api(ApiRequest r) {
        Matcher m = PATH.matcher(r.path());
        if (!m.matches()) {
            return ApiAnswer.json(404, "{\"errors\":\"Not Found\"}");
        }
        String shop = m.group(1);
        String resource = m.group(3);
        String token = r.header("X-Shopify-Access-Token");
        if (token == null || !shop.equals(sim.shopForToken(token))) {
            return ApiAnswer.json(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
        }
        if (r.method().equals("GET") && resource.equals("orders.json")) {
            return list(r, shop);
        }
        Matcher one = Pattern.compile("^orders/(\\d+)\\.json$").matcher(resource);
        if (r.method().equals("GET") && one.matches()) {
            Snapshot s = sim.latest(channel(), shop, one.group(1));
            if (s == null) {
                return ApiAnswer.json(404, "{\"errors\":\"Not Found\"}");
            }
            ObjectNode out = obj();
            out.set("order", s.order());
            return ApiAnswer.json(200, compactText(out));
        }
        Matcher fo = Pattern.compile("^orders/(\\d+)/fulfillment_orders\\.json$").matcher(resource);
        if (r.method().equals("GET") && fo.matches()) {
            return fulfillmentOrders(shop, fo.group(1));
        }
        if (r.method().equals("POST") && resource.equals("fulfillments.json")) {
            return fulfil(r, shop);
        }
        return ApiAnswer.json(404, "{\"errors\":\"Not Found\"}");
    }

    private ApiAnswer list(ApiRequest r, String shop) {
        if (sim.takePullFailure(channel())) {
            return ApiAnswer.json(503, "{\"errors\":\"Service Unavailable\"}");
        }
        Map<String, String> q = r.query();
        int limit = Math.min(250, intParam(q.get("limit"), 50));
        Instant min;
        Instant max;
        int offset;
        if (q.containsKey("page_info")) {
            String[] cursor;
            try {
                cursor = new String(Base64.getUrlDecoder().decode(q.get("page_info")), StandardCharsets.UTF_8).split("\\|");
                min = Instant.parse(cursor[0]);
                max = Instant.parse(cursor[1]);
                offset = Integer.parseInt(cursor[2]);
            } catch (RuntimeException e) {
                return ApiAnswer.json(400, "{\"errors\":{\"page_info\":\"Invalid value.\"}}");
            }
        } else {
            try {
                min = q.get("updated_at_min") == null ? Instant.EPOCH : OffsetDateTime.parse(q.get("updated_at_min")).toInstant();
                max = q.get("updated_at_max") == null ? Instant.now().plusSeconds(3600) : OffsetDateTime.parse(q.get("updated_at_max")).toInstant();
            } catch (DateTimeParseException e) {
                return ApiAnswer.json(400, "{\"errors\":{\"updated_at_min\":\"must be an ISO 8601 time\"}}");
            }
            offset = 0;
        }
        List<Snapshot> all = sim.changed(channel(), shop, min, max);
        List<Snapshot> page = page(all, offset, limit);
        ObjectNode out = obj();
        ArrayNode orders = out.putArray("orders");
        page.forEach(s -> orders.add(s.order()));
        ApiAnswer answer = ApiAnswer.json(200, compactText(out));
        if (offset + page.size() < all.size()) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString((min + "|" + max + "|" + (offset + page.size()))
                    .getBytes(StandardCharsets.UTF_8));
            String next = sim.url() + "/shopify/" + shop + "/admin/api/" + API_VERSION + "/orders.json?limit=" + limit + "&page_info=" + cursor;
            answer = answer.withHeader("Link", "<" + next + ">; rel=\"next\"");
        }
        return answer;
    }

    private ApiAnswer fulfillmentOrders(String shop, String orderId) {
        Snapshot s = sim.latest(channel(), shop, orderId);
        if (s == null) {
            return ApiAnswer.json(404, "{\"errors\":\"Not Found\"}");
        }
        String status = switch (s.stage()) {
            case SHIPPED, DELIVERED -> "closed";
            case CLOSED -> "cancelled";
            default -> "open";
        };
        ObjectNode out = obj();
        ObjectNode fo = out.putArray("fulfillment_orders").addObject();
        fo.put("id", fulfillmentOrderId(orderId)).put("order_id", Long.parseLong(orderId)).put("status", status)
                .put("request_status", "unsubmitted");
        ArrayNode items = fo.putArray("line_items");
        for (JsonNode line : s.order().path("line_items")) {
            items.addObject().put("id", line.path("id").asLong() + 50).put("line_item_id", line.path("id").asLong())
                    .put("quantity", line.path("quantity").asInt()).put("fulfillable_quantity", line.path("fulfillable_quantity").asInt());
        }
        return ApiAnswer.json(200, compactText(out));
    }

    private ApiAnswer fulfil(ApiRequest r, String shop) {
        JsonNode body = parse(r.bodyText());
        JsonNode f = body == null ? null : body.get("fulfillment");
        if (f == null || !f.path("line_items_by_fulfillment_order").isArray() || f.path("line_items_by_fulfillment_order").isEmpty()) {
            return ApiAnswer.json(400, "{\"errors\":{\"fulfillment\":\"Required parameter missing or invalid: line_items_by_fulfillment_order\"}}");
        }
        long foId = f.path("line_items_by_fulfillment_order").get(0).path("fulfillment_order_id").asLong();
        String orderId = String.valueOf(foId / 10);
        if (foId % 10 != 1 || sim.latest(channel(), shop, orderId) == null) {
            return ApiAnswer.json(404, "{\"errors\":\"Not Found\"}");
        }
        String number = text(f.path("tracking_info"), "number");
        String company = text(f.path("tracking_info"), "company");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fulfillment_order_id", String.valueOf(foId));
        params.put("tracking_info.number", String.valueOf(number));
        params.put("tracking_info.company", String.valueOf(company));
        params.put("notify_customer", f.path("notify_customer").asText("false"));
        return sim.writeBack(channel(), shop, "POST fulfillments.json", orderId, number, company, params, (outcome, reason) -> {
            switch (outcome) {
                case WriteBack.FAILED:
                    return ApiAnswer.json(503, "{\"errors\":\"Service Unavailable\"}");
                case WriteBack.CONFLICT:
                    ObjectNode err = obj();
                    err.putArray("errors").add("Fulfillment order " + foId + " cannot be fulfilled: " + reason);
                    return ApiAnswer.json(422, compactText(err));
                default:
                    ObjectNode out = obj();
                    ObjectNode ful = out.putObject("fulfillment");
                    ful.put("id", foId * 100 + 3).put("order_id", Long.parseLong(orderId)).put("status", "success")
                            .put("tracking_company", company).put("tracking_number", number)
                            .put("created_at", time(Instant.now()));
                    ful.putArray("tracking_numbers").add(number);
                    return ApiAnswer.json(201, compactText(out));
            }
        });
    }
}
