package io.orderhub.state.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Set;

/**
 * Reads a marketplace's answer: transient (retry later), refused (do not retry) or fine. The Chinese platforms answer
 * HTTP 200 with an error object, so the body decides: TOP {@code error_response} with an {@code isp.*} sub code is
 * the platform's fault, {@code isv.*} the caller's; JD {@code error_response.code} 66/67 = backend unavailable;
 * Pinduoduo {@code error_response.error_code} 70031 / 50001 = busy; Douyin {@code code != 10000}, {@code isp.*} =
 * platform; Xiaohongshu {@code success=false}, {@code error_code} -100 = busy; a retailer's app (channel {@code app})
 * by the HTTP status alone (2xx accepted, 409 and other 4xx refused, 5xx/429 transient). The transient codes are reconstructed
 * (R) from the platforms' SDKs and docs as far as they were found.
 */
public final class PlatformErrors {
    private static final Set<String> JD_TRANSIENT = Set.of("66", "67");
    private static final Set<Integer> PDD_TRANSIENT = Set.of(70031, 50001, 70000);
    private static final Set<Integer> XHS_TRANSIENT = Set.of(-100);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Throws {@link PlatformUnavailableException} or {@link PlatformRefusedException}; returns the body's JSON otherwise. */
    public static JsonNode check(PlatformCall call, int status, String body) {
        String where = call.channel() + " " + call.api();
        if (status == 429 || status >= 500) {
            throw new PlatformUnavailableException(where + " answered HTTP " + status + ": " + abbreviate(body));
        }
        if (status == 401 || status == 403) {
            throw new PlatformRefusedException(where + " refused the shop's credentials (HTTP " + status + "): " + abbreviate(body)
                    + (call.channel().equals("app") ? " — check the shop's secret (the hub signs with it) and the hub's clock"
                    : " — check the shop's access token"));
        }
        if (status >= 400) {
            throw new PlatformRefusedException(where + " answered HTTP " + status + ": " + abbreviate(body));
        }
        if (call.channel().equals("app")) {
            if (status < 200 || status >= 300) {
                throw new PlatformRefusedException(where + " answered HTTP " + status + " (expected 2xx): " + abbreviate(body));
            }
            return lenient(body); // a retailer's app answers 2xx to accept; what it says besides is not ours to judge
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw new PlatformUnavailableException(where + " answered something that is not JSON: " + abbreviate(body));
        }
        switch (call.channel()) {
            case "taobao" -> {
                JsonNode e = json.get("error_response");
                if (e != null) {
                    String sub = e.path("sub_code").asText("");
                    String text = "TOP error " + e.path("code").asText() + " " + e.path("msg").asText() + " " + sub + " " + e.path("sub_msg").asText();
                    throw sub.startsWith("isp.") || e.path("code").asInt() == 7 ? new PlatformUnavailableException(where + ": " + text)
                            : new PlatformRefusedException(where + ": " + text);
                }
            }
            case "jd" -> {
                JsonNode e = json.get("error_response");
                if (e != null) {
                    String code = e.path("code").asText();
                    String text = "JOS error " + code + " " + e.path("en_desc").asText() + " (" + e.path("zh_desc").asText() + ")";
                    throw JD_TRANSIENT.contains(code) ? new PlatformUnavailableException(where + ": " + text)
                            : new PlatformRefusedException(where + ": " + text);
                }
            }
            case "pdd" -> {
                JsonNode e = json.get("error_response");
                if (e != null) {
                    int code = e.path("error_code").asInt();
                    String text = "POP error " + code + " " + e.path("error_msg").asText() + " " + e.path("sub_msg").asText();
                    throw PDD_TRANSIENT.contains(code) || e.path("sub_code").asText("").startsWith("isp")
                            ? new PlatformUnavailableException(where + ": " + text) : new PlatformRefusedException(where + ": " + text);
                }
            }
            case "douyin" -> {
                if (json.has("code") && json.path("code").asInt() != 10000) {
                    String sub = json.path("sub_code").asText("");
                    String text = "error " + json.path("code").asText() + " " + json.path("msg").asText() + " " + sub + " "
                            + json.path("sub_msg").asText();
                    throw sub.startsWith("isp.") || json.path("code").asInt() == 50000
                            ? new PlatformUnavailableException(where + ": " + text) : new PlatformRefusedException(where + ": " + text);
                }
            }
            case "xhs" -> {
                if (json.has("success") && !json.path("success").asBoolean()) {
                    int code = json.path("error_code").asInt();
                    String text = "error " + code + " " + json.path("error_msg").asText();
                    throw XHS_TRANSIENT.contains(code) ? new PlatformUnavailableException(where + ": " + text)
                            : new PlatformRefusedException(where + ": " + text);
                }
            }
            default -> {
            }
        }
        return json;
    }

    private static JsonNode lenient(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private PlatformErrors() {
    }
}
