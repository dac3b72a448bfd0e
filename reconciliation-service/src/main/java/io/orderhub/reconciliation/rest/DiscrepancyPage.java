package io.orderhub.reconciliation.rest;

import java.util.List;

/** One page of discrepancies, newest first. */
public record DiscrepancyPage(List<DiscrepancyView> items, int page, int size, long total, int totalPages) {
}
