package io.orderhub.state.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * Price check for the health score: every line has a positive unit price, and the order total is at
 * least {@code minRatio} of the lines' value (a total far below the lines is a price error or a
 * fraudulent coupon stack) and not more than {@code maxRatio} of it (taxes and shipping included).
 */
public final class PriceCheck {
    private PriceCheck() {
    }

    public record Line(BigDecimal unitPrice, int quantity) {
    }

    public static boolean passes(BigDecimal total, List<Line> lines, BigDecimal minRatio, BigDecimal maxRatio) {
        if (total == null || lines == null || lines.isEmpty() || total.signum() <= 0) {
            return false;
        }
        BigDecimal value = BigDecimal.ZERO;
        for (Line l : lines) {
            if (l.unitPrice() == null || l.unitPrice().signum() <= 0 || l.quantity() <= 0) {
                return false;
            }
            value = value.add(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())));
        }
        return total.compareTo(value.multiply(minRatio)) >= 0 && total.compareTo(value.multiply(maxRatio)) <= 0;
    }
}
