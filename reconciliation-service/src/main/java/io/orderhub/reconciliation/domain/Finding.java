package io.orderhub.reconciliation.domain;

import java.util.Map;

/**
 * One discrepancy as a rule found it.
 *
 * @param reason    plain language, for a person in finance or operations
 * @param evidence  what each source said ({@code platform}, {@code erp}, {@code carrier}, {@code hub} → fields)
 * @param signature the facts that make it this discrepancy and no other, without relative times: a person's
 *                  resolution holds until the signature changes
 */
public record Finding(String rule, GrayState grayState, String reason, Map<String, Object> evidence, String signature) {
}
