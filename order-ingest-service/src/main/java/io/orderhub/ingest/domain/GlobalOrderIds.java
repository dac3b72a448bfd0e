package io.orderhub.ingest.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Global order ids: {@code OH} + 4-digit year + 8 random Crockford base32 characters, e.g.
 * {@code OH2026XK9F2N1M}. 40 random bits per year; the database's unique constraint catches the
 * (astronomically rare) collision and the caller draws again.
 */
public final class GlobalOrderIds {
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final Pattern FORMAT = Pattern.compile("OH\\d{4}[0-9A-HJKMNP-TV-Z]{8}");

    private final SecureRandom random;
    private final Clock clock;

    public GlobalOrderIds() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    public GlobalOrderIds(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public String next() {
        StringBuilder id = new StringBuilder(14).append("OH").append(clock.instant().atZone(ZoneOffset.UTC).getYear());
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
