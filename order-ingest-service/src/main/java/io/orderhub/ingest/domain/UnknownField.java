package io.orderhub.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A field of a channel's documents that its mapping does not read, with counts for a suggestion. */
@Entity
@Table(name = "unknown_field")
public class UnknownField {
    @Id
    public UUID id;
    public String channel;
    public String path;
    public long occurrences;
    @Column(name = "numeric_samples")
    public long numericSamples;
    @Column(name = "small_share_samples")
    public long smallShareSamples;
    @Column(name = "min_amount", precision = 24, scale = 6)
    public BigDecimal minAmount;
    @Column(name = "max_amount", precision = 24, scale = 6)
    public BigDecimal maxAmount;
    @Column(name = "min_share", precision = 24, scale = 12)
    public BigDecimal minShare;
    @Column(name = "max_share", precision = 24, scale = 12)
    public BigDecimal maxShare;
    @Column(name = "sample_value")
    public String sampleValue;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    public String status;
    @Column(name = "confirmed_as")
    public String confirmedAs;
}
