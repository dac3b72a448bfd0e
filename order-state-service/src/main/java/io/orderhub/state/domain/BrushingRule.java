package io.orderhub.state.domain;

/**
 * Risk rule of DESIGN.md: the same phone placing more than {@code maxOrders} orders within the window to
 * addresses in more than {@code maxProvinces} provinces is held for review ({@code RISK_REVIEW}).
 * The counts include the order being judged.
 */
public record BrushingRule(int maxOrders, int maxProvinces) {
    public boolean suspicious(long ordersInWindow, long provincesInWindow) {
        return ordersInWindow > maxOrders && provincesInWindow > maxProvinces;
    }
}
