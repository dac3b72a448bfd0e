package io.orderhub.alerting.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as stored (millisecond precision, so what is sent equals what is read back) and durations for people. */
public final class Times {
    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code 2h}, {@code 30m}, {@code 1h 30m}, {@code 45s}. */
    public static String human(Duration d) {
        long s = Math.abs(d.getSeconds());
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(b.isEmpty() ? "" : " ").append(m).append('m');
        }
        if (sec > 0 || b.isEmpty()) {
            b.append(b.isEmpty() ? "" : " ").append(sec).append('s');
        }
        return b.toString();
    }
}
