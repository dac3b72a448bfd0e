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
