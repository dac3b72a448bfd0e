package io.orderhub.alerting.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** SKUs starting with {@code skuPrefix} belong to {@code category}. */
@Entity
@Table(name = "sku_category")
public class SkuCategory {
    @Id
    @Column(name = "sku_prefix")
    public String skuPrefix;
    public String category;
}
