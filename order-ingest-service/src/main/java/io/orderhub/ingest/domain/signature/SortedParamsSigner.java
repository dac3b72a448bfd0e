package io.orderhub.ingest.domain.signature;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The sorted-parameter family of the Chinese platforms: sort by name, concatenate {@code key+value}
 * (skipping {@code sign} and empty values), wrap with the secret, digest, upper-case hex.
 */
final class SortedParamsSigner {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** {@code upper(hex(MD5(secret + k1v1k2v2… + body + secret)))}. */
    static byte[] md5Wrapped(String secret, String pairs, byte[] body) {
        return Digests.md5(Digests.concat(Digests.utf8(secret + pairs), body, Digests.utf8(secret)));
    }

    static Optional<Instant> beijingTime(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value.trim(), LOCAL).atZone(BEIJING).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.of(Instant.EPOCH); // unreadable: as good as far outside the window
        }
    }

    public static Optional<Instant> epochSeconds(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.of(Instant.EPOCH);
        }
    }

    static String missing(String what, String how) {
        return "send the " + what + " parameter: " + how;
    }

    private SortedParamsSigner() {
    }
}
