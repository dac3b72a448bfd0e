package io.orderhub.reconciliation.client;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * "yyyy-MM-dd HH:mm:ss" in Beijing time, as the Chinese ERPs and carriers write it. Read by hand (a pattern formatter
 * costs microseconds, and a run reads hundreds of thousands of them); China has kept UTC+8 without daylight saving
 * since 1991.
 */
final class BeijingTime {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Strict: 2026-02-30 is an error, not 2026-02-28. */
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final ZoneOffset PLUS_8 = ZoneOffset.ofHours(8);

    private BeijingTime() {
    }

    /** The instant of "2026-11-22 18:02:11"; throws {@link java.time.format.DateTimeParseException} for anything else. */
    static Instant parse(String v) {
        if (v.length() == 19 && v.charAt(4) == '-' && v.charAt(7) == '-' && v.charAt(10) == ' ' && v.charAt(13) == ':'
                && v.charAt(16) == ':') {
            int year = digits(v, 0, 4);
            int month = digits(v, 5, 7);
            int day = digits(v, 8, 10);
            int hour = digits(v, 11, 13);
            int minute = digits(v, 14, 16);
            int second = digits(v, 17, 19);
            if (year >= 1992 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59
                    && day <= java.time.YearMonth.of(year, month).lengthOfMonth()) {
                return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(PLUS_8);
            }
        }
        return LocalDateTime.parse(v, FORMAT).atZone(ZONE).toInstant();
    }

    static String format(Instant t) {
        return LocalDateTime.ofInstant(t, ZONE).format(FORMAT);
    }

    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
