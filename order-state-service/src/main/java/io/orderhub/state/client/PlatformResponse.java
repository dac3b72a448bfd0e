package io.orderhub.state.client;

import java.util.Map;

/** A marketplace's answer ({@code status} -1 = not reached: the fallback after retries or with the breaker open). */
public record PlatformResponse(int status, String body, Map<String, String> headers, String unavailableReason) {

    public static PlatformResponse unavailable(String reason) {
        return new PlatformResponse(-1, null, Map.of(), reason);
    }

    public boolean available() {
        return status >= 0;
    }

    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
