package io.orderhub.returns.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

@Entity
@Table(name = "return_request")
public class ReturnRequest {
    /** The exchange's new SKU: waiting for inventory, reserved, or not available. */
    public static final String STOCK_PENDING = "PENDING";
    public static final String STOCK_RESERVED = "RESERVED";
    public static final String STOCK_REJECTED = "REJECTED";

    @Id
    public UUID id;
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Column(name = "customer_text")
    public String customerText;
    /** {@link Intent} name, or null while nobody could read one. */
    public String intent;
    /** {@link ReturnStatus} name. */
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    /** {@code rest} or {@code channel:<channel>} (an after-sale event from the channel, via ingest). */
    public String source;
    @Column(name = "customer_id")
    public String customerId;
    public BigDecimal confidence;
    /** {@link ReturnFlag} names, comma-separated. */
    public String flags = "";
    @Column(name = "desired_size")
    public String desiredSize;
    @Column(name = "desired_colour")
    public String desiredColour;
    @Column(name = "original_sku")
    public String originalSku;
    @Column(name = "new_sku")
    public String newSku;
    public int quantity = 1;
    @Column(name = "refund_amount")
    public BigDecimal refundAmount;
    @Column(name = "refund_currency")
    public String refundCurrency;
    @Column(name = "review_reason")
    public String reviewReason;
    @Column(name = "exchange_stock")
    public String exchangeStock;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "qc_due_at")
    public Instant qcDueAt;
    @Column(name = "qc_overdue_at")
    public Instant qcOverdueAt;
    @Column(name = "qc_note")
    public String qcNote;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public ReturnStatus status() {
        return ReturnStatus.valueOf(status);
    }

    public Intent intent() {
        return intent == null ? null : Intent.valueOf(intent);
    }

    public Set<String> flagSet() {
        return flags == null || flags.isBlank() ? new TreeSet<>()
                : Arrays.stream(flags.split(",")).collect(Collectors.toCollection(TreeSet::new));
    }

    public void addFlag(ReturnFlag flag) {
        Set<String> all = flagSet();
        all.add(flag.name());
        flags = String.join(",", all);
    }

    public boolean hasFlag(ReturnFlag flag) {
        return flagSet().contains(flag.name());
    }

    /** Moves to {@code next} if the flow allows it; the caller records the audit row and the event. */
    public ReturnAudit moveTo(ReturnStatus next, String actor, String reason, Instant now) {
        ReturnStatus from = status == null ? null : status();
        if (from != null && !from.canMoveTo(next)) {
            throw new IllegalStateException("return " + id + " is " + from + " and cannot become " + next);
        }
        status = next.name();
        updatedAt = now;
        return ReturnAudit.of(id, from, next, actor, reason, now);
    }
}
