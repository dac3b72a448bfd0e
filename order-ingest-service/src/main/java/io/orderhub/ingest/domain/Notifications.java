package io.orderhub.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.domain.mapping.JsonPaths;

import java.util.Optional;

/**
 * Recognises the platforms' thin change notifications, which name an order but do not carry it (see
 * shared/platform-payloads): Taobao TMC messages ({@code topic} + {@code content} with {@code tid}), Pinduoduo PMC
 * frames ({@code commandType} + {@code message.content} with {@code tid}), Douyin message arrays
 * ({@code [{"tag","msg_id","data"}]} with {@code p_id}) and JD order changes ({@code orderId} + {@code orderState}
 * without the order document). The order itself is fetched by the pull.
 */
public final class Notifications {

    /** The notification, if {@code document} is one: its topic and the channel order id it names. */
    public record Notification(String topic, String channelOrderId) {
    }

    public static Optional<Notification> recognize(String channel, JsonNode document) {
        if (document == null) {
            return Optional.empty();
        }
        return switch (channel) {
            case Channels.TAOBAO -> document.has("topic") && document.has("content")
                    ? Optional.of(new Notification(document.path("topic").asText(), text(JsonPaths.at(document, "content.tid"))))
                    : Optional.empty();
            case Channels.PDD -> document.has("commandType") && document.has("message")
                    ? Optional.of(new Notification(document.path("message").path("type").asText(),
                    text(JsonPaths.at(document, "message.content.tid"))))
                    : Optional.empty();
            case Channels.DOUYIN -> document.isArray() && !document.isEmpty() && document.get(0).has("tag") && document.get(0).has("msg_id")
                    ? Optional.of(new Notification(document.get(0).path("tag").asText(), text(JsonPaths.at(document.get(0), "data.p_id"))))
                    : Optional.empty();
            case Channels.JD -> document.isObject() && document.has("orderId") && document.has("orderState")
                    && !document.has("itemInfoList")
                    ? Optional.of(new Notification("order-change", text(document.get("orderId"))))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static String text(JsonNode v) {
        return JsonPaths.present(v) ? v.asText() : null;
    }

    private Notifications() {
    }
}
