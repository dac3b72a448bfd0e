package io.orderhub.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.Set;

/** Events on {@code orderhub.returns.v1}. Key: the original global order id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReturnChanged(String returnId, String globalOrderId, String intent, Set<String> flags,
        String status, String originalSku, String newSku, int quantity, Instant occurredAt) {
}
