package io.orderhub.returns.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One step of a return: from, to, who, why, when. */
@Entity
@Table(name = "return_audit")
public class ReturnAudit {
    @Id
    public UUID id;
    /** Insertion order (several steps can share one instant); assigned by the database. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "return_id")
    public UUID returnId;
    @Column(name = "from_status")
    public String fromStatus;
    @Column(name = "to_status")
    public String toStatus;
    public String actor;
    public String reason;
    @Column(name = "occurred_at")
    public Instant occurredAt;

    public static ReturnAudit of(UUID returnId, ReturnStatus from, ReturnStatus to, String actor, String reason, Instant at) {
        ReturnAudit a = new ReturnAudit();
        a.id = UUID.randomUUID();
        a.returnId = returnId;
        a.fromStatus = from == null ? null : from.name();
        a.toStatus = to.name();
        a.actor = actor;
        a.reason = reason == null ? null : (reason.length() > 2000 ? reason.substring(0, 2000) : reason);
        a.occurredAt = at;
        return a;
    }
}
