package io.orderhub.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;

/** Events on {@code orderhub.reconciliation.v1}: a discrepancy, or a deviation/credibility figure. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconciliationFinding(String globalOrderId, String channel, String rule, String reason,
        BigDecimal rate, Instant occurredAt) {
}
