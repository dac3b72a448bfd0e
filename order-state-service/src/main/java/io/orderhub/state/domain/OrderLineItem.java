package io.orderhub.state.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/** One line of an order. {@code lineId} is the channel's line id (or the position when the channel has none). */
@Entity
@Table(name = "order_line")
@IdClass(OrderLineItem.Key.class)
public class OrderLineItem {
    @Id
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Id
    @Column(name = "line_id")
    public String lineId;
    public int position;
    public String sku;
    public String title;
    public int quantity;
    @Column(name = "unit_price")
    public BigDecimal unitPrice;
    public String currency;

    public static class Key implements Serializable {
        public String globalOrderId;
        public String lineId;

        public Key() {
        }

        public Key(String globalOrderId, String lineId) {
            this.globalOrderId = globalOrderId;
            this.lineId = lineId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(globalOrderId, k.globalOrderId) && Objects.equals(lineId, k.lineId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(globalOrderId, lineId);
        }
    }
}
