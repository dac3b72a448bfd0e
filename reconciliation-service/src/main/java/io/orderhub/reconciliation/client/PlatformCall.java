package io.orderhub.reconciliation.client;

import java.util.Map;

/** One signed request to a marketplace API: a form post ({@code form}) or a JSON post ({@code query} + {@code json}). */
record PlatformCall(String api, String url, Map<String, String> form, Map<String, String> query, String json) {
    static PlatformCall form(String api, String url, Map<String, String> form) {
        return new PlatformCall(api, url, form, Map.of(), null);
    }

    static PlatformCall json(String api, String url, Map<String, String> query, String json) {
        return new PlatformCall(api, url, null, query, json);
    }
}
