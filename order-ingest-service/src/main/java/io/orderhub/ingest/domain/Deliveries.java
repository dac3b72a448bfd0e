package io.orderhub.ingest.domain;

import io.orderhub.ingest.domain.signature.Digests;
import io.orderhub.ingest.domain.signature.WebhookRequest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * What identifies one delivery (the dedupe key of a re-delivered push) and its topic, per channel.
 * Where a platform sends no delivery id, the SHA-256 of the body stands in: the same bytes again
 * are the same delivery.
 */
public final class Deliveries {
    private static final Map<String, List<String>> DELIVERY_ID_HEADERS = Map.of(
            Channels.SHOPIFY, List.of("X-Shopify-Webhook-Id", "X-Shopify-Event-Id"),
            Channels.XHS, List.of("X-Hub-Delivery"),
            Channels.DOUYIN, List.of("X-Hub-Delivery"),
            Channels.TAOBAO, List.of("X-Hub-Delivery"),
            Channels.JD, List.of("X-Hub-Delivery"),
            Channels.PDD, List.of("X-Hub-Delivery"),
            Channels.APP, List.of("X-OrderHub-Delivery-Id"));
    private static final Map<String, List<String>> TOPIC_HEADERS = Map.of(
            Channels.SHOPIFY, List.of("X-Shopify-Topic"),
            Channels.DOUYIN, List.of("X-Hub-Topic"),
            Channels.XHS, List.of("X-Hub-Topic"),
            Channels.APP, List.of("X-OrderHub-Event"));

    public static String deliveryId(WebhookRequest request) {
        for (String header : DELIVERY_ID_HEADERS.getOrDefault(request.channel(), List.of())) {
            String value = request.header(header);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return "sha256:" + sha256(request.body());
    }

    public static String topic(WebhookRequest request) {
        for (String header : TOPIC_HEADERS.getOrDefault(request.channel(), List.of())) {
            String value = request.header(header);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        String fromQuery = request.query().get("topic");
        if (fromQuery != null) {
            return fromQuery;
        }
        return request.isForm() ? request.form().get("type") : null;
    }

    /** Hex SHA-256 of a body (the delivery id of a pulled document: the same document again is the same delivery). */
    public static String sha256Of(byte[] body) {
        return sha256(body);
    }

    static String sha256(byte[] body) {
        try {
            return Digests.hex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Deliveries() {
    }
}
