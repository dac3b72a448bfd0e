package io.orderhub.contract;

/** Conditions that stop an order from moving on until they are released. */
public enum Hold {
    /** A person must review it (the brushing rule, or set by hand); released by a person. */
    RISK_REVIEW,
    /**
     * The channel's own risk control holds it (Douyin 105, Pinduoduo risk_control_status 1, a Taobao risk flag): it
     * stands exactly as long as the channel's flag does and is released by the snapshot that no longer carries it.
     */
    CHANNEL_RISK,
    HEALTH_RED,
    STOCK_SHORTFALL,
    CIRCUIT_OPEN,
    ADDRESS_INVALID
}
