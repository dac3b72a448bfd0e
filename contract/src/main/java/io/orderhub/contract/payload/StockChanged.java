package io.orderhub.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.orderhub.contract.FundingStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Events on {@code orderhub.inventory.v1} about one order's reservation (reserved, rejected,
 * released, consumed). Key and subject: the global order id.
 *
 * @param lines per-line outcome; for a rejection each short line carries its shortfall
 * @param returnId set when the reservation is not the order's own but an exchange's (returns-service's return id):
 *                 order-state leaves the order's lifecycle alone, returns-service matches its request by it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockChanged(
        String globalOrderId,
        FundingStatus funding,
        List<Line> lines,
        String reason,
        Instant occurredAt,
        String returnId) {

    /** The order's own reservation (no return involved). */
    public StockChanged(String globalOrderId, FundingStatus funding, List<Line> lines, String reason, Instant occurredAt) {
        this(globalOrderId, funding, lines, reason, occurredAt, null);
    }

    /** @param lineId the order line (or {@code EXCHANGE-<returnId>}) the units are held for; null from old producers */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Line(String sku, String warehouse, int quantity, int shortfall, String lineId) {
        public Line(String sku, String warehouse, int quantity, int shortfall) {
            this(sku, warehouse, quantity, shortfall, null);
        }
    }

    /** {@code orderhub.inventory.low-stock.v1}: keyed by SKU. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LowStock(String sku, long onHand, long available, long threshold,
            long fullyPaidReserved, long depositFrozen, BigDecimal depositShareOfReserved, String message,
            Instant occurredAt) {
    }
}
