package io.orderhub.inventory.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/** Body of {@code PUT /stock/{warehouse}/{sku}}. Factor and threshold are per SKU and optional. */
public record StockUpdate(
        @NotNull(message = "is required (units on hand in this warehouse)") @Min(value = 0, message = "must be 0 or more") Long onHand,
        @DecimalMin(value = "0", message = "must be between 0 and 1") @DecimalMax(value = "1", message = "must be between 0 and 1") BigDecimal depositFactor,
        @Min(value = 0, message = "must be 0 or more") Long safetyThreshold) {
}
