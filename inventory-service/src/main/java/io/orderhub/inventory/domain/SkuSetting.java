package io.orderhub.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

@Entity
@Table(name = "sku_setting")
public class SkuSetting {
    @Id
    public String sku;
    @Column(name = "deposit_factor")
    public BigDecimal depositFactor = Availability.DEFAULT_DEPOSIT_FACTOR;
    @Column(name = "safety_threshold")
    public long safetyThreshold;
}
