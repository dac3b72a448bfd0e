package io.orderhub.state.domain;

import io.orderhub.contract.OrderState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of an order's timeline: a transition, a gap-filled step, a refusal, a hold or a condition. */
@Entity
@Table(name = "order_audit")
public class OrderAudit {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_audit_seq")
    @SequenceGenerator(name = "order_audit_seq", sequenceName = "order_audit_seq", allocationSize = 50)
    public Long id;
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Enumerated(EnumType.STRING)
    public AuditKind kind;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public OrderState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public OrderState toState;
    /** The hold or condition for HOLD, HOLD_RELEASED and CONDITION entries. */
    public String detail;
    public String actor;
    public String trigger;
    @Column(columnDefinition = "text")
    public String reason;
    /** The data that caused it (the event's data, the request body) as JSON. */
    @Column(columnDefinition = "text")
    public String snapshot;
    @Column(name = "occurred_at")
    public Instant occurredAt;
}
