package io.orderhub.devstack.sim.marketplace;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platforms' signature schemes as the simulator needs them: to sign what it pushes, and to check
 * what the hub's clients send (see shared/platform-payloads/&lt;channel&gt;/README.md for the schemes and vectors).
 */
public final class Signing {
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] md5(byte[] message) {
        try {
            return MessageDigest.getInstance("MD5").digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(String algorithm, String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(utf8(key), algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** {@code k1v1k2v2…} sorted by name, without {@code sign} and empty values (TOP, JOS, POP). */
    public static String sortedPairs(Map<String, String> params) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                s.append(k).append(v);
            }
        });
        return s.toString();
    }

    /** Taobao TOP (md5), JD JOS, Pinduoduo POP: {@code upper(hex(MD5(secret + sorted pairs + body + secret)))}. */
    public static String md5Wrapped(String secret, Map<String, String> params, byte[] body) {
        return hex(md5(concat(utf8(secret + sortedPairs(params)), body, utf8(secret)))).toUpperCase(Locale.ROOT);
    }

    /** Taobao TOP with {@code sign_method}: md5, hmac (HMAC-MD5) or hmac-sha256; upper-case hex. */
    public static String top(String secret, Map<String, String> params, byte[] body) {
        String method = params.getOrDefault("sign_method", "md5");
        byte[] message = concat(utf8(sortedPairs(params)), body);
        return switch (method) {
            case "hmac" -> hex(hmac("HmacMD5", secret, message)).toUpperCase(Locale.ROOT);
            case "hmac-sha256" -> hex(hmac("HmacSHA256", secret, message)).toUpperCase(Locale.ROOT);
            default -> md5Wrapped(secret, params, body);
        };
    }

    /** Shopify webhook: {@code base64(HMAC-SHA256(secret, raw body))}. */
    public static String shopifyHmac(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA256", secret, body));
    }

    /** Douyin push {@code event-sign}: {@code hex(MD5(app_key + raw body + secret))}. */
    public static String douyinEventSign(String appKey, String secret, byte[] body) {
        return hex(md5(concat(utf8(appKey), body, utf8(secret))));
    }

    /**
     * Douyin open API: {@code secret + "app_key"+k + "method"+m + "param_json"+p + "timestamp"+t + "v"+v + secret},
     * HMAC-SHA256 with the secret ({@code sign_method=hmac-sha256}, the SDK default) or MD5; lower-case hex.
     */
    public static String douyinApi(String secret, String appKey, String method, String paramJson, String timestamp, String v,
            String signMethod) {
        String s = secret + "app_key" + appKey + "method" + method + "param_json" + paramJson + "timestamp" + timestamp
                + "v" + v + secret;
        return "md5".equals(signMethod) ? hex(md5(utf8(s))) : hex(hmac("HmacSHA256", secret, utf8(s)));
    }

    /** Xiaohongshu Ark API: {@code md5(method + "?appId=" + appId + "&timestamp=" + ts + "&version=" + version + secret)}. */
    public static String xhsApi(String secret, String method, String appId, String timestamp, String version) {
        return hex(md5(utf8(method + "?appId=" + appId + "&timestamp=" + timestamp + "&version=" + version + secret)));
    }

    /** The hub's push convention for channels without a documented one: {@code hex(HMAC-SHA256(secret, raw body))}. */
    public static String hubSignature(String secret, byte[] body) {
        return hex(hmac("HmacSHA256", secret, body));
    }

    /**
     * The generic channel ({@code app}, the hub's own format): {@code hex(HMAC-SHA256(secret, timestamp + "." + raw body))},
     * {@code timestamp} being the exact {@code X-OrderHub-Timestamp} header value (Unix seconds).
     */
    public static String appSignature(String secret, String timestamp, byte[] body) {
        return hex(hmac("HmacSHA256", secret, concat(utf8(timestamp + "."), body)));
    }

    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(utf8(a.toUpperCase(Locale.ROOT)), utf8(b.toUpperCase(Locale.ROOT)));
    }

    public static String beijing(Instant t) {
        return LOCAL.format(t.atZone(BEIJING));
    }

    /** A Beijing {@code yyyy-MM-dd HH:mm:ss}; null if it is not one. */
    public static Instant parseBeijing(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(s.trim(), LOCAL).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Signing() {
    }
}
