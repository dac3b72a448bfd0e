package io.orderhub.reconciliation.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How calls to the marketplaces' open APIs are signed (shared/platform-payloads/&lt;channel&gt;/README.md "Signature"). */
final class PlatformSigning {
    private PlatformSigning() {
    }

    /** Taobao TOP (md5), JD JOS, Pinduoduo POP: {@code upper(hex(MD5(secret + sorted key+value pairs + secret)))}. */
    static String md5Wrapped(String secret, Map<String, String> params) {
        StringBuilder s = new StringBuilder(secret);
        new TreeMap<>(params).forEach((k, v) -> {
            if (!"sign".equals(k) && v != null && !v.isEmpty()) {
                s.append(k).append(v);
            }
        });
        s.append(secret);
        return hex(md5(s.toString())).toUpperCase(Locale.ROOT);
    }

    /** Douyin, {@code sign_method=hmac-sha256}: {@code hex(HMAC-SHA256(secret, secret + "app_key"… + "v" + v + secret))}. */
    static String douyin(String secret, String appKey, String method, String paramJson, String timestamp, String v) {
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
    static String xhs(String secret, String method, String appId, String timestamp, String version) {
        return hex(md5(method + "?appId=" + appId + "&timestamp=" + timestamp + "&version=" + version + secret));
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
}
