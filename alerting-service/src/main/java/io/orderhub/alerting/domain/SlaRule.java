package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Set;

/** A ship-by rule: when every given condition matches, the order gets this window (or no clock at all). */
@Entity
@Table(name = "sla_rule")
public class SlaRule {
    @Id
    public String name;
    public int position;
    public String category;
    public String warehouse;
    @Column(name = "min_packers")
    public Integer minPackers;
    @Column(name = "max_packers")
    public Integer maxPackers;
    @Column(name = "window_seconds")
    public long windowSeconds;
    public boolean exempt;

    public boolean matches(Set<String> categories, String orderWarehouse, Integer packersOnDuty) {
        if (category != null && !categories.contains(category)) {
            return false;
        }
        if (warehouse != null && !warehouse.equals(orderWarehouse)) {
            return false;
        }
        if (minPackers != null && (packersOnDuty == null || packersOnDuty < minPackers)) {
            return false;
        }
        return maxPackers == null || (packersOnDuty != null && packersOnDuty <= maxPackers);
    }
}
