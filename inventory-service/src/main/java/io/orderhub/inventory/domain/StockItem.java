package io.orderhub.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** On-hand and reserved units of one SKU in one warehouse. Changed only under a row lock. */
@Entity
@Table(name = "stock_item")
@IdClass(StockItem.Key.class)
public class StockItem {
    @Id
    public String warehouse;
    @Id
    public String sku;
    @Column(name = "on_hand")
    public long onHand;
    @Column(name = "fully_paid_reserved")
    public long fullyPaidReserved;
    @Column(name = "deposit_frozen")
    public long depositFrozen;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public BigDecimal available(BigDecimal depositFactor) {
        return Availability.available(onHand, fullyPaidReserved, depositFrozen, depositFactor);
    }

    public static class Key implements Serializable {
        public String warehouse;
        public String sku;

        public Key() {
        }

        public Key(String warehouse, String sku) {
            this.warehouse = warehouse;
            this.sku = sku;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(warehouse, k.warehouse) && Objects.equals(sku, k.sku);
        }

        @Override
        public int hashCode() {
            return Objects.hash(warehouse, sku);
        }
    }
}
