package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.reconciliation.config.ReconConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shopify as a platform source: {@code GET /admin/api/<version>/orders.json?status=any&updated_at_min=…&updated_at_max=…}
 * paged by the {@code Link: <…page_info=…>; rel="next"} header, the Order resource mapped the way the hub's ingest
 * mapping does (financial/fulfillment status → state and conditions; total_price; shipping, discounts and tax as
 * standard fee types; the fulfillment's tracking number).
 */
@ApplicationScoped
public class ShopifySource implements ChannelSource {
    @Inject
    ShopifyClient client;
    @Inject
    ReconConfig config;
    @Inject
    ObjectMapper mapper;

    @Override
    public String channel() {
        return "shopify";
    }

    @Override
    public boolean enabled() {
        return config.shopify().enabled() && !shops().isEmpty();
    }

    @Override
    public Set<String> shops() {
        Set<String> shops = new TreeSet<>(config.shopify().shops().keySet());
        if (!config.shopify().demoShopEnabled()) {
            shops.remove("demo");
        }
        return shops;
    }

    @Override
    public Uni<PlatformPage> page(String shop, Instant from, Instant to, String cursor) {
        ReconConfig.Shopify.Shop s = config.shopify().shops().get(shop);
        if (s == null) {
            return Uni.createFrom().item(PlatformPage.unavailable("no Shopify shop '" + shop
                    + "' is configured (orderhub.reconciliation.shopify.shops." + shop + ".base-url and .access-token)"));
        }
        String base = s.baseUrl().endsWith("/") ? s.baseUrl().substring(0, s.baseUrl().length() - 1) : s.baseUrl();
        String endpoint = base + "/admin/api/" + config.shopify().apiVersion() + "/orders.json";
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", String.valueOf(config.shopify().pageSize()));
        if (cursor == null) {
            query.put("status", "any");
            query.put("updated_at_min", OffsetDateTime.ofInstant(from, ZoneOffset.UTC).toString());
            query.put("updated_at_max", OffsetDateTime.ofInstant(to, ZoneOffset.UTC).toString());
        } else {
            query.put("page_info", cursor); // Shopify refuses any other filter beside page_info
        }
        return client.orders(endpoint, query, s.accessToken()).map(answer -> {
            if (answer.unavailable() != null) {
                return PlatformPage.unavailable(answer.unavailable());
            }
            return new PlatformPage(parse(shop, answer.body()), answer.nextPageInfo(), null);
        });
    }

    List<PlatformOrder> parse(String shop, String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new SourceFailedException("Shopify answered something that is not JSON: " + Failures.abbreviate(body));
        }
        List<PlatformOrder> out = new ArrayList<>();
        for (JsonNode o : root.path("orders")) {
            out.add(map(shop, o));
        }
        return out;
    }

    PlatformOrder map(String shop, JsonNode o) {
        String financial = text(o, "financial_status");
        String fulfillment = text(o, "fulfillment_status");
        String cancelled = text(o, "cancelled_at");
        Set<String> conditions = new LinkedHashSet<>();
        OrderState state = null;
        boolean unshipped = fulfillment == null || "restocked".equals(fulfillment);
        if ("voided".equals(financial)) {
            state = OrderState.CLOSED;
        } else if (cancelled != null && unshipped) {
            state = OrderState.CLOSED;
        } else if ("refunded".equals(financial) && unshipped) {
            state = OrderState.CLOSED;
        }
        if ("refunded".equals(financial) || "partially_refunded".equals(financial)) {
            conditions.add("AFTER_SALE");
        }
        if (state == null && "fulfilled".equals(fulfillment)) {
            boolean delivered = false;
            for (JsonNode f : o.path("fulfillments")) {
                delivered |= "delivered".equals(text(f, "shipment_status"));
            }
            state = delivered ? OrderState.DELIVERED : OrderState.SHIPPED;
        }
        if ("partial".equals(fulfillment)) {
            conditions.add("PARTIALLY_SHIPPED");
        }
        if (state == null && ("pending".equals(financial) || "authorized".equals(financial) || "partially_paid".equals(financial))) {
            state = OrderState.PENDING_PAYMENT;
        }
        if (state == null && ("paid".equals(financial) || "partially_refunded".equals(financial) || "refunded".equals(financial))) {
            state = OrderState.PAID;
        }
        String currency = text(o, "currency");
        boolean paid = financial != null && !"pending".equals(financial) && !"authorized".equals(financial)
                && !"voided".equals(financial) && !"partially_paid".equals(financial);
        Map<String, Money> fees = new LinkedHashMap<>();
        fee(fees, "SHIPPING", text(o.path("total_shipping_price_set").path("shop_money"), "amount"), currency);
        fee(fees, "DISCOUNT", text(o, "total_discounts"), currency);
        fee(fees, "TAX", text(o, "total_tax"), currency);
        String carrier = null;
        String tracking = null;
        for (JsonNode f : o.path("fulfillments")) {
            if (tracking == null && text(f, "tracking_number") != null) {
                tracking = text(f, "tracking_number");
                carrier = text(f, "tracking_company");
            }
        }
        String total = text(o, "total_price");
        return new PlatformOrder(channel(), shop, text(o, "id"), state,
                financial + (fulfillment == null ? "" : "/" + fulfillment), conditions, paid ? time(o, "processed_at") : null,
                total == null || currency == null ? null : new Money(new BigDecimal(total), currency), fees, carrier, tracking,
                time(o, "updated_at"));
    }

    private static void fee(Map<String, Money> fees, String type, String amount, String currency) {
        if (amount != null && currency != null) {
            fees.put(type, new Money(new BigDecimal(amount), currency));
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new SourceFailedException("Shopify sent " + field + " '" + v + "', not an ISO-8601 time");
        }
    }
}
