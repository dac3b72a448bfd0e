package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

    /**
     * The {@code orders} of a page, read as a stream: only the fields the comparison needs are kept (an order's
     * lines, addresses and customer are skipped, not built into a tree), as a page can hold 250 orders of 2 kB.
     */
    List<PlatformOrder> parse(String shop, String body) {
        List<PlatformOrder> out = new ArrayList<>();
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SourceFailedException("Shopify answered something that is not a JSON object: " + Failures.abbreviate(body));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("orders".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        out.add(toOrder(shop, readOrder(p)));
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new SourceFailedException("Shopify answered something that is not JSON: " + Failures.abbreviate(body));
        }
        return out;
    }

    /** The fields of one Order resource that the comparison uses. */
    static final class Raw {
        String id;
        String financial;
        String fulfillment;
        String cancelledAt;
        String currency;
        String processedAt;
        String updatedAt;
        String totalPrice;
        String totalDiscounts;
        String totalTax;
        String shipping;
        String trackingNumber;
        String trackingCompany;
        boolean delivered;
    }

    private static Raw readOrder(JsonParser p) throws IOException {
        Raw r = new Raw();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> r.id = p.getValueAsString();
                case "financial_status" -> r.financial = value(p, t);
                case "fulfillment_status" -> r.fulfillment = value(p, t);
                case "cancelled_at" -> r.cancelledAt = value(p, t);
                case "currency" -> r.currency = value(p, t);
                case "processed_at" -> r.processedAt = value(p, t);
                case "updated_at" -> r.updatedAt = value(p, t);
                case "total_price" -> r.totalPrice = value(p, t);
                case "total_discounts" -> r.totalDiscounts = value(p, t);
                case "total_tax" -> r.totalTax = value(p, t);
                case "total_shipping_price_set" -> r.shipping = shopMoneyAmount(p, t);
                case "fulfillments" -> fulfillments(p, t, r);
                default -> p.skipChildren();
            }
        }
        return r;
    }

    private static String value(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        return p.getValueAsString();
    }

    /** {@code {"shop_money": {"amount": "5.00", …}, "presentment_money": {…}}} → "5.00". */
    private static String shopMoneyAmount(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String amount = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("shop_money".equals(field) && v == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken x = p.nextToken();
                    if ("amount".equals(f)) {
                        amount = value(p, x);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return amount;
    }

    /** The first fulfillment with a tracking number, and whether any was delivered. */
    private static void fulfillments(JsonParser p, JsonToken t, Raw r) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String number = null;
            String company = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "tracking_number" -> number = value(p, v);
                    case "tracking_company" -> company = value(p, v);
                    case "shipment_status" -> r.delivered |= "delivered".equals(value(p, v));
                    default -> p.skipChildren();
                }
            }
            if (r.trackingNumber == null && number != null) {
                r.trackingNumber = number;
                r.trackingCompany = company;
            }
        }
    }

    PlatformOrder toOrder(String shop, Raw o) {
        String financial = o.financial;
        String fulfillment = o.fulfillment;
        Set<String> conditions = new LinkedHashSet<>();
        OrderState state = null;
        boolean unshipped = fulfillment == null || "restocked".equals(fulfillment);
        if ("voided".equals(financial)) {
            state = OrderState.CLOSED;
        } else if (o.cancelledAt != null && unshipped) {
            state = OrderState.CLOSED;
        } else if ("refunded".equals(financial) && unshipped) {
            state = OrderState.CLOSED;
        }
        if ("refunded".equals(financial) || "partially_refunded".equals(financial)) {
            conditions.add("AFTER_SALE");
        }
        if (state == null && "fulfilled".equals(fulfillment)) {
            state = o.delivered ? OrderState.DELIVERED : OrderState.SHIPPED;
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
        boolean paid = financial != null && !"pending".equals(financial) && !"authorized".equals(financial)
                && !"voided".equals(financial) && !"partially_paid".equals(financial);
        Map<String, Money> fees = new LinkedHashMap<>();
        fee(fees, "SHIPPING", o.shipping, o.currency);
        fee(fees, "DISCOUNT", o.totalDiscounts, o.currency);
        fee(fees, "TAX", o.totalTax, o.currency);
        return new PlatformOrder(channel(), shop, o.id, state, financial + (fulfillment == null ? "" : "/" + fulfillment), conditions,
                paid ? time("processed_at", o.processedAt) : null,
                o.totalPrice == null || o.currency == null ? null : new Money(new BigDecimal(o.totalPrice), o.currency), fees,
                o.trackingCompany, o.trackingNumber, time("updated_at", o.updatedAt));
    }

    private static void fee(Map<String, Money> fees, String type, String amount, String currency) {
        if (amount != null && currency != null) {
            fees.put(type, new Money(new BigDecimal(amount), currency));
        }
    }

    private static Instant time(String field, String v) {
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
