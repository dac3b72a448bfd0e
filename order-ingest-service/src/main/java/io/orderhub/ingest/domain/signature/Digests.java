package io.orderhub.ingest.domain.signature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The digests the platforms sign with, and a constant-time comparison. */
public final class Digests {
    public static byte[] hmac(String algorithm, String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available: " + e.getMessage(), e);
        }
    }

    public static byte[] hmacSha256(String key, byte[] message) {
        return hmac("HmacSHA256", key, message);
    }

    public static byte[] md5(byte[] message) {
        try {
            return MessageDigest.getInstance("MD5").digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Concatenation of two byte arrays (and more). */
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

    /** {@code k1v1k2v2…} over the parameters sorted by name (byte order), without {@code sign} and empty values. */
    public static String sortedPairs(Map<String, String> params) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                s.append(k).append(v);
            }
        });
        return s.toString();
    }

    /**
     * Compares a received hex signature with the expected digest in constant time; case-insensitive,
     * since platforms differ (Taobao upper case, Douyin lower case).
     */
    public static boolean hexEquals(String received, byte[] expected) {
        if (received == null) {
            return false;
        }
        byte[] got;
        try {
            got = HexFormat.of().parseHex(received.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return constantTimeEquals(got, expected);
    }

    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private Digests() {
    }
}
