package io.orderhub.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One platform's "orders changed since" API: how to ask for a window of update times, how to read a page and find
 * the next one, and how each order becomes the detail document the channel's mapping reads (the list entry in the
 * detail API's envelope, or — where the list only has summaries — the detail API's own answer).
 */
public interface OrderPuller {

    /** A shop's API credentials and where its platform API is. */
    record Shop(String channel, String shop, String baseUrl, String appKey, String secret, String accessToken, int pageSize) {
    }

    /** One page: its orders (list entries) and the call for the next page (null on the last). */
    record Page(List<JsonNode> entries, PlatformCall next) {
    }

    String channel();

    /** The longest window the platform answers in one query (Taobao a day, Pinduoduo and Xiaohongshu 30 minutes). */
    Duration maxWindow();

    /** The API name, for the stored payload's topic ({@code pull:<api>}). */
    String api();

    PlatformCall firstPage(Shop shop, Instant from, Instant to);

    /** Reads a page the platform answered (already checked for platform errors). */
    Page page(Shop shop, Instant from, Instant to, PlatformCall call, JsonNode answer, PlatformResponse response);

    /** Where the list has summaries only (Xiaohongshu), the call that fetches one order's detail; null otherwise. */
    default PlatformCall detail(Shop shop, JsonNode entry) {
        return null;
    }

    /**
     * The call that fetches one order by its channel id — what a thin change notification names — from the platform's
     * detail API ({@code taobao.trade.fullinfo.get}, {@code jingdong.pop.order.get}, …); null where there is none.
     */
    default PlatformCall fetch(Shop shop, String orderId) {
        return null;
    }

    /** The document to store from a {@link #fetch} answer: the detail API answers the detail document itself. */
    default byte[] fetched(JsonNode answer, String body) {
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The document to store and map for a list entry (wrapped in the detail envelope). */
    byte[] document(JsonNode entry);

    /** The channel order id of a list entry (for logs). */
    String orderId(JsonNode entry);
}
