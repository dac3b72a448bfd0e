package io.orderhub.reconciliation.rest;

import java.util.Map;

/**
 * The open "missing in a source" discrepancies, counted by why (gray state) and by channel: "1,300 paid orders are
 * missing from the ERP: 912 payment callback failed, 301 risk-intercepted, 64 price-anomaly hold, 23 sync lag".
 */
public record MissingReport(String source, String rule, long open, Map<String, Long> byGrayState, Map<String, Long> byChannel) {
}
