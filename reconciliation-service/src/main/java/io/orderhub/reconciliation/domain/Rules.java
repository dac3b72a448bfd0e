package io.orderhub.reconciliation.domain;

import java.util.List;

/** Rule names: the {@code rule} of a discrepancy and of {@code GET /discrepancies?rule=}. */
public final class Rules {
    /** Platform, ERP and hub are in different phases after mapping to the standard vocabulary. */
    public static final String STATUS_MISMATCH = "STATUS_MISMATCH";
    /** Platform payment time and ERP audit time are further apart than the allowed gap (30 minutes). */
    public static final String PAYMENT_AUDIT_GAP = "PAYMENT_AUDIT_GAP";
    /** The order total differs (exactly, per currency). */
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
    /** A fee reported by two sources differs (shipping, discount, tax, channel fee). */
    public static final String FEE_MISMATCH = "FEE_MISMATCH";
    /** The carrier picked it up but the hub says not shipped, or the reverse, or tracking numbers differ. */
    public static final String TRACKING_MISMATCH = "TRACKING_MISMATCH";
    public static final String MISSING_IN_PLATFORM = "MISSING_IN_PLATFORM";
    public static final String MISSING_IN_ERP = "MISSING_IN_ERP";
    public static final String MISSING_IN_HUB = "MISSING_IN_HUB";
    /** The rule of the per channel+hour deviation figures on the topic. */
    public static final String DEVIATION_RATE = "DEVIATION_RATE";

    public static final List<String> ALL = List.of(STATUS_MISMATCH, PAYMENT_AUDIT_GAP, AMOUNT_MISMATCH, FEE_MISMATCH,
            TRACKING_MISMATCH, MISSING_IN_PLATFORM, MISSING_IN_ERP, MISSING_IN_HUB);

    /** {@code MISSING_IN_ERP} for {@code ERP}, and so on. */
    public static String missingIn(String source) {
        return "MISSING_IN_" + source;
    }

    public static boolean isMissing(String rule) {
        return rule != null && rule.startsWith("MISSING_IN_");
    }

    private Rules() {
    }
}
