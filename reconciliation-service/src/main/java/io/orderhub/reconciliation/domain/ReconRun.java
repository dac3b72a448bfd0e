package io.orderhub.reconciliation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One pull-and-compare run and what it did. */
@Entity
@Table(name = "recon_run")
public class ReconRun {
    public static final String RUNNING = "RUNNING";
    /** Every source answered. */
    public static final String SUCCEEDED = "SUCCEEDED";
    /** At least one source was unavailable: rules depending on it were not decided this time. */
    public static final String PARTIAL = "PARTIAL";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;
    /** SCHEDULE, MANUAL or EVENT. */
    public String trigger;
    public String status;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "platform_rows")
    public int platformRows;
    @Column(name = "erp_rows")
    public int erpRows;
    @Column(name = "carrier_rows")
    public int carrierRows;
    public int checked;
    public int consistent;
    public int deviating;
    public int settling;
    public int found;
    public int resolved;
    public int pages;
    @Column(name = "max_page_rows")
    public int maxPageRows;
    /** The sources this run could not reach, with the reason. */
    public String unavailable;
    public String error;
}
