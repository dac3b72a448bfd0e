package io.orderhub.returns.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/** One SKU of an order, from the lifecycle events' {@code lines}. */
@Entity
@Table(name = "order_line")
@IdClass(KnownOrderLine.Key.class)
public class KnownOrderLine {
    @Id
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Id
    public String sku;
    public String title;
    public int quantity;
    @Column(name = "unit_price")
    public BigDecimal unitPrice;
    public String currency;

    public static class Key implements Serializable {
        public String globalOrderId;
        public String sku;

        public Key() {
        }

        public Key(String globalOrderId, String sku) {
            this.globalOrderId = globalOrderId;
            this.sku = sku;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(globalOrderId, k.globalOrderId) && Objects.equals(sku, k.sku);
        }

        @Override
        public int hashCode() {
            return Objects.hash(globalOrderId, sku);
        }
    }
}
