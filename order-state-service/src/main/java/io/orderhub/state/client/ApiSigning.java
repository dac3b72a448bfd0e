package io.orderhub.state.client;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How the hub signs its calls to the platforms' APIs (shared/platform-payloads/&lt;channel&gt;/README.md "Signature"). */
public final class ApiSigning {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** {@code k1v1k2v2…} sorted by name, without {@code sign} and empty values. */
    static String sortedPairs(Map<String, String> params) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                s.append(k).append(v);
            }
        });
        return s.toString();
    }

    /** Taobao TOP md5, JD JOS, Pinduoduo POP: {@code upper(hex(MD5(secret + sorted key+value pairs + secret)))}. */
    public static String md5Wrapped(String secret, Map<String, String> params) {
        return hex(md5(secret + sortedPairs(params) + secret)).toUpperCase(Locale.ROOT);
    }

    /** Douyin open API, {@code sign_method=hmac-sha256}. */
    public static String douyin(String secret, String appKey, String method, String paramJson, String timestamp, String v) {
        String s = secret + "app_key" + appKey + "method" + method + "param_json" + paramJson + "timestamp" + timestamp + "v" + v + secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return hex(mac.doFinal(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Xiaohongshu Ark: {@code md5(method + "?appId=" + appId + "&timestamp=" + ts + "&version=" + version + secret)}. */
    public static String xhs(String secret, String method, String appId, String timestamp, String version) {
        return hex(md5(method + "?appId=" + appId + "&timestamp=" + timestamp + "&version=" + version + secret));
    }

    static final String APP_TIMESTAMP = "X-OrderHub-Timestamp";
    static final String APP_SIGNATURE = "X-OrderHub-Signature";
    static final String APP_DELIVERY_ID = "X-OrderHub-Delivery-Id";
    static final String APP_EVENT = "X-OrderHub-Event";

    /**
     * The generic app channel, both ways (the app signs its pushes so, and the hub its write-backs): lower-case hex of
     * {@code HMAC-SHA256(secret, timestamp + "." + body bytes)} (order-ingest-service/README.md, "The generic channel").
     */
    public static String app(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return hex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String beijing(Instant t) {
        return LOCAL.format(t.atZone(BEIJING));
    }

    private static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private ApiSigning() {
    }
}
