package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The ship-by clock of one order: started when it is paid, stopped when it ships or closes. {@code firedTier}
 * is committed with the alert it raised, so a restart never fires a tier twice.
 */
@Entity
@Table(name = "sla_clock")
public class SlaClock {
    @Id
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    @Column(name = "paid_at")
    public Instant paidAt;
    public Instant deadline;
    /** The order's lifecycle state as last seen. */
    public String state;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    public String warehouse;
    /** The order's SKUs, comma-separated (their categories choose the rule). */
    public String skus;
    @Column(name = "window_seconds")
    public Long windowSeconds;
    /** The rule that chose the window, or {@code default}. */
    @Column(name = "rule_name")
    public String ruleName;
    /** Why the order has no deadline: {@code PRESALE}, {@code MADE_TO_ORDER}, {@code CUSTOMER_AGREED_DELAY}, … */
    @Column(name = "exempt_reason")
    public String exemptReason;
    @Column(name = "exempt_note")
    public String exemptNote;
    public boolean presale;
    /** 0 none, 1 L1, 2 L2, 3 L3. */
    @Column(name = "fired_tier")
    public short firedTier;
    /** The order's alert was acknowledged: no further tiers. */
    @Column(name = "escalation_stopped")
    public boolean escalationStopped;
    @Column(name = "computed_at")
    public Instant computedAt;

    /** Ship-by deadline = paid time + window. */
    public static Instant deadline(Instant paidAt, Duration window) {
        return paidAt.plus(window);
    }

    public boolean running() {
        return stoppedAt == null && exemptReason == null && paidAt != null && deadline != null;
    }

    public List<String> skuList() {
        return skuList(skus);
    }

    /** The SKUs of a comma-separated {@code skus} column value. */
    public static List<String> skuList(String skus) {
        return skus == null || skus.isBlank() ? List.of() : Arrays.stream(skus.split(",")).filter(s -> !s.isBlank()).toList();
    }

    /** The highest tier due at {@code now} for this deadline (0 when none is). */
    public static int dueTier(Instant deadline, Instant now, Duration l1Before, Duration l3After) {
        if (!now.isBefore(deadline.plus(l3After))) {
            return 3;
        }
        if (!now.isBefore(deadline)) {
            return 2;
        }
        if (!now.isBefore(deadline.minus(l1Before))) {
            return 1;
        }
        return 0;
    }
}
