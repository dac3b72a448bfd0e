package io.orderhub.returns.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "return_request")
public class ReturnRequest {
    @Id
    public UUID id;
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Column(name = "customer_text")
    public String customerText;
    public String intent;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
}
