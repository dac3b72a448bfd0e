package io.orderhub.ingest.client;

import io.orderhub.ingest.domain.signature.Digests;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How the hub signs its calls to the platforms' APIs (shared/platform-payloads/&lt;channel&gt;/README.md "Signature"). */
public final class ApiSigning {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Taobao TOP md5, JD JOS, Pinduoduo POP: {@code upper(hex(MD5(secret + sorted key+value pairs + secret)))}. */
    public static String md5Wrapped(String secret, Map<String, String> params) {
        return Digests.hex(Digests.md5(Digests.utf8(secret + Digests.sortedPairs(params) + secret))).toUpperCase(Locale.ROOT);
    }

    /** Douyin open API, {@code sign_method=hmac-sha256}: {@code hex(HMAC-SHA256(secret, secret + app_key… + v + secret))}. */
    public static String douyin(String secret, String appKey, String method, String paramJson, String timestamp, String v) {
        String s = secret + "app_key" + appKey + "method" + method + "param_json" + paramJson + "timestamp" + timestamp + "v" + v + secret;
        return Digests.hex(Digests.hmacSha256(secret, Digests.utf8(s)));
    }

    /** Xiaohongshu Ark: {@code md5(method + "?appId=" + appId + "&timestamp=" + ts + "&version=" + version + secret)}. */
    public static String xhs(String secret, String method, String appId, String timestamp, String version) {
        return Digests.hex(Digests.md5(Digests.utf8(method + "?appId=" + appId + "&timestamp=" + timestamp + "&version=" + version + secret)));
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in Beijing time (TOP, JOS timestamps and time windows). */
    public static String beijing(Instant t) {
        return LOCAL.format(t.atZone(BEIJING));
    }

    private ApiSigning() {
    }
}
