package io.orderhub.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Shopify order bodies named after what they are, derived from the compact fixtures by changing only
 * the id, {@code updated_at} or status, so that every test has an order of its own.
 */
public final class ShopifyOrders {
    public static final String PAID = "/fixtures/shopify/orders-create-paid.json";
    public static final String PAID_ID = "5791234567890";
    public static final String PAID_UPDATED_AT = "2026-11-19T10:23:47-05:00";
    /** X-Shopify-Webhook-Id of the published orders/create delivery (webhook-headers.json). */
    public static final String PAID_WEBHOOK_ID = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";

    /** The published orders/create body, byte for byte. */
    public static byte[] paidOrder() {
        return Fixtures.bytes(PAID);
    }

    /** The same paid order under another id (and its line ids unchanged). */
    public static byte[] paidOrder(long id) {
        return paidOrder(id, PAID_UPDATED_AT);
    }

    public static byte[] paidOrder(long id, String updatedAt) {
        String body = Fixtures.text(PAID);
        body = replaceOnce(body, "{\"id\":" + PAID_ID + ",", "{\"id\":" + id + ",");
        body = replaceOnce(body, "\"updated_at\":\"" + PAID_UPDATED_AT + "\"", "\"updated_at\":\"" + updatedAt + "\"");
        return body.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] orderWithFinancialStatus(long id, String financialStatus) {
        String body = new String(paidOrder(id), StandardCharsets.UTF_8);
        return replaceOnce(body, "\"financial_status\":\"paid\"", "\"financial_status\":\"" + financialStatus + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Signed correctly, but not JSON: the body a broken proxy might truncate. */
    public static byte[] truncatedOrder(long id) {
        byte[] whole = paidOrder(id);
        return java.util.Arrays.copyOf(whole, whole.length / 2);
    }

    private static String replaceOnce(String body, String from, String to) {
        int at = body.indexOf(from);
        if (at < 0) {
            throw new IllegalStateException("fixture does not contain " + from);
        }
        return body.substring(0, at) + to + body.substring(at + from.length());
    }

    private ShopifyOrders() {
    }
}
