package io.orderhub.contract;

/**
 * Further {@code ce_type} values on {@code orderhub.alerts.v1} (beside the alert lifecycle types in
 * {@link EventTypes}): load-shedding signals that other services can react to.
 */
public final class AlertEventTypes {
    /** More new orders per minute than the promo threshold, sustained: payload {@code PromoModeChanged}, key {@code promo-mode}. */
    public static final String PROMO_MODE_STARTED = "orderhub.alert.promo-mode-started.v1";
    /** The new-order rate fell back below the threshold: payload {@code PromoModeChanged}, key {@code promo-mode}. */
    public static final String PROMO_MODE_ENDED = "orderhub.alert.promo-mode-ended.v1";
    /** The label backlog tripped the circuit breaker, WMS intake is paused: payload {@code BreakerChanged}, key {@code breaker}. */
    public static final String BREAKER_OPENED = "orderhub.alert.breaker-opened.v1";
    /** The backlog drained, WMS intake resumed: payload {@code BreakerChanged}, key {@code breaker}. */
    public static final String BREAKER_CLOSED = "orderhub.alert.breaker-closed.v1";

    /** Kafka key and subject of promo-mode events. */
    public static final String PROMO_MODE_KEY = "promo-mode";
    /** Kafka key and subject of breaker events. */
    public static final String BREAKER_KEY = "breaker";

    private AlertEventTypes() {
    }
}
