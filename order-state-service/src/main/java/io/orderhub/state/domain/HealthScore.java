package io.orderhub.state.domain;

/**
 * Health score 0–100 of DESIGN.md: address complete +20, payment callback confirmed +30, stock locked +25,
 * price check passed +15, carrier matched +10. Below 70 needs intervention: 60–69 yellow, 50–59 orange,
 * below 50 red (and the order is held {@code HEALTH_RED}).
 */
public record HealthScore(int value) {
    public static final int ADDRESS = 20;
    public static final int PAYMENT = 30;
    public static final int STOCK = 25;
    public static final int PRICE = 15;
    public static final int CARRIER = 10;

    public enum Band { GREEN, YELLOW, ORANGE, RED }

    public static HealthScore of(boolean addressComplete, boolean paymentConfirmed, boolean stockLocked,
            boolean priceCheckPassed, boolean carrierMatched) {
        return new HealthScore((addressComplete ? ADDRESS : 0) + (paymentConfirmed ? PAYMENT : 0)
                + (stockLocked ? STOCK : 0) + (priceCheckPassed ? PRICE : 0) + (carrierMatched ? CARRIER : 0));
    }

    public Band band() {
        if (value >= 70) {
            return Band.GREEN;
        }
        if (value >= 60) {
            return Band.YELLOW;
        }
        return value >= 50 ? Band.ORANGE : Band.RED;
    }

    public boolean needsIntervention() {
        return value < 70;
    }

    public boolean red() {
        return band() == Band.RED;
    }
}
