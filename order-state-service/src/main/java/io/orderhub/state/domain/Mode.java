package io.orderhub.state.domain;

/** How a request to move an order reaches the hub. */
public enum Mode {
    /**
     * Someone asks the hub to take a step (a REST action by a user, the warehouse or a carrier
     * integration): only the next state in the table, its guard must hold, and holds stop it.
     */
    COMMAND,
    /**
     * A report of something that already happened elsewhere (a channel status, an inventory
     * reservation): it moves the order forward, filling any skipped steps in the audit trail. The
     * world cannot be refused forward; evidence the report lacks (no tracking number, a standing hold)
     * is noted in the audit. Backwards after shipping is refused like any other write.
     */
    REPORT
}
