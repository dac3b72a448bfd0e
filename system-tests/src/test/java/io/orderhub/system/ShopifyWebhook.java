package io.orderhub.system;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Builds Shopify orders/create deliveries the way Shopify sends them: raw JSON bytes, base64 HMAC-SHA256. */
final class ShopifyWebhook {
    private ShopifyWebhook() {
    }

    /** A paid, unfulfilled order (SS-POUR-SET-WHT ×1, SS-FILTER-100 ×2, 95.72 USD) with this Shopify id. */
    static byte[] paidOrder(long shopifyOrderId) {
        try (InputStream in = ShopifyWebhook.class.getResourceAsStream("/shopify-orders-create.template.json")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return template.replace("{{ORDER_ID}}", Long.toString(shopifyOrderId)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same paid order with these two SKUs instead of the pour-over set and the filters. */
    static byte[] paidOrder(long shopifyOrderId, String sku1, String sku2) {
        return replace(paidOrder(shopifyOrderId), "\"SS-POUR-SET-WHT\"", "\"" + sku1 + "\"", "\"SS-FILTER-100\"", "\"" + sku2 + "\"");
    }

    /** {@code orders/cancelled}: the buyer cancelled before fulfilment and was refunded (a later update of the order). */
    static byte[] cancelledOrder(long shopifyOrderId, String sku1, String sku2) {
        return replace(paidOrder(shopifyOrderId, sku1, sku2),
                "\"updated_at\":\"2026-11-21T09:15:02-05:00\"", "\"updated_at\":\"2026-11-21T09:40:00-05:00\"",
                "\"cancelled_at\":null", "\"cancelled_at\":\"2026-11-21T09:40:00-05:00\"",
                "\"cancel_reason\":null", "\"cancel_reason\":\"customer\"",
                "\"financial_status\":\"paid\"", "\"financial_status\":\"refunded\"");
    }

    /** The order as an ERP full-sync pushes it back days later: still "paid, unfulfilled", freshly stamped. */
    static byte[] staleStatusReplay(long shopifyOrderId, String sku1, String sku2) {
        return replace(paidOrder(shopifyOrderId, sku1, sku2),
                "\"updated_at\":\"2026-11-21T09:15:02-05:00\"", "\"updated_at\":\"2026-11-23T02:00:00-05:00\"");
    }

    private static byte[] replace(byte[] body, String... pairs) {
        String json = new String(body, StandardCharsets.UTF_8);
        for (int i = 0; i < pairs.length; i += 2) {
            if (!json.contains(pairs[i])) {
                throw new IllegalStateException("the template has no " + pairs[i]);
            }
            json = json.replace(pairs[i], pairs[i + 1]);
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
