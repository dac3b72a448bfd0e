package io.orderhub.alerting.domain;

import java.util.Locale;

public enum Severity {
    INFO, WARNING, CRITICAL;

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code critical}, {@code CRITICAL}, …; null for an unknown name. */
    public static Severity parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
