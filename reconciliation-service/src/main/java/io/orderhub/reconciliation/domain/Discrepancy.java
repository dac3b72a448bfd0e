package io.orderhub.reconciliation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "discrepancy")
public class Discrepancy {
    @Id
    public UUID id;
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    public String rule;
    public String reason;
    public String evidence;
    @Column(name = "found_at")
    public Instant foundAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolution_note")
    public String resolutionNote;
}
