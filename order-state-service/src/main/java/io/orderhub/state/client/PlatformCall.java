package io.orderhub.state.client;

import java.util.Map;

/**
 * One request to a marketplace API, already signed: {@code api} names it in logs and errors
 * ({@code taobao.trades.sold.increment.get}); {@code form} for form posts, {@code json} for JSON posts;
 * {@code signedHeaders} for the generic app channel, whose signature travels in {@code X-OrderHub-*} headers over the
 * exact body bytes.
 */
public record PlatformCall(String channel, String api, Kind kind, String url, Map<String, String> query, Map<String, String> form,
        String json, String shopifyAccessToken, Map<String, String> signedHeaders) {

    public enum Kind { GET, POST_FORM, POST_JSON, POST_SIGNED_JSON }

    public PlatformCall(String channel, String api, Kind kind, String url, Map<String, String> query, Map<String, String> form,
            String json, String shopifyAccessToken) {
        this(channel, api, kind, url, query, form, json, shopifyAccessToken, Map.of());
    }

    public static PlatformCall get(String channel, String api, String url, Map<String, String> query, String shopifyAccessToken) {
        return new PlatformCall(channel, api, Kind.GET, url, query, Map.of(), null, shopifyAccessToken);
    }

    public static PlatformCall form(String channel, String api, String url, Map<String, String> form) {
        return new PlatformCall(channel, api, Kind.POST_FORM, url, Map.of(), form, null, null);
    }

    public static PlatformCall json(String channel, String api, String url, Map<String, String> query, String json) {
        return new PlatformCall(channel, api, Kind.POST_JSON, url, query, Map.of(), json, null);
    }

    /** A JSON post whose signature is in {@code headers} (computed over {@code json} as UTF-8 bytes). */
    public static PlatformCall signedJson(String channel, String api, String url, Map<String, String> headers, String json) {
        return new PlatformCall(channel, api, Kind.POST_SIGNED_JSON, url, Map.of(), Map.of(), json, null, Map.copyOf(headers));
    }
}
