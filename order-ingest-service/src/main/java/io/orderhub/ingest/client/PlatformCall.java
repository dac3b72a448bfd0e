package io.orderhub.ingest.client;

import java.util.Map;

/**
 * One request to a marketplace API, already signed: {@code api} names it in logs and errors
 * ({@code taobao.trades.sold.increment.get}); {@code form} for form posts, {@code json} for JSON posts;
 * {@code bearerToken} for the generic channel's API ({@code Authorization: Bearer …}).
 */
public record PlatformCall(String channel, String api, Kind kind, String url, Map<String, String> query, Map<String, String> form,
        String json, String shopifyAccessToken, String bearerToken) {

    public enum Kind { GET, POST_FORM, POST_JSON }

    public static PlatformCall get(String channel, String api, String url, Map<String, String> query, String shopifyAccessToken) {
        return new PlatformCall(channel, api, Kind.GET, url, query, Map.of(), null, shopifyAccessToken, null);
    }

    /** A GET authenticated with {@code Authorization: Bearer <token>} (the generic channel's pull API). */
    public static PlatformCall bearerGet(String channel, String api, String url, Map<String, String> query, String token) {
        return new PlatformCall(channel, api, Kind.GET, url, query, Map.of(), null, null, token);
    }

    public static PlatformCall form(String channel, String api, String url, Map<String, String> form) {
        return new PlatformCall(channel, api, Kind.POST_FORM, url, Map.of(), form, null, null, null);
    }

    public static PlatformCall json(String channel, String api, String url, Map<String, String> query, String json) {
        return new PlatformCall(channel, api, Kind.POST_JSON, url, query, Map.of(), json, null, null);
    }
}
