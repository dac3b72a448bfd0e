package io.orderhub.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The declarative mapping of one channel as stored (bundled file at first, edited over REST later). */
@Entity
@Table(name = "channel_mapping")
public class ChannelMappingDocument {
    @Id
    public String channel;
    /** The mapping JSON document. */
    public String document;
    public int version;
    /** {@code bundled} (from src/main/resources/mappings) or the subject of the admin who changed it. */
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
