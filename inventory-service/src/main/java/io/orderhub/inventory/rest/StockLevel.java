package io.orderhub.inventory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/** {@code GET /stock/{sku}}: totals over all warehouses, and per warehouse. */
public record StockLevel(String sku, BigDecimal depositFactor, long safetyThreshold, long onHand,
        long fullyPaidReserved, long depositFrozen, BigDecimal available, List<Figures> warehouses) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(String warehouse, long onHand, long fullyPaidReserved, long depositFrozen, BigDecimal available) {
    }
}
