package io.orderhub.alerting.domain;

import java.util.Locale;

/** FIRING → ACKNOWLEDGED (someone is on it; escalation stops) → RESOLVED; a resolved key that fires again reopens. */
public enum AlertStatus {
    FIRING, ACKNOWLEDGED, RESOLVED;

    public boolean open() {
        return this != RESOLVED;
    }

    public static AlertStatus parse(String s) {
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
