package io.orderhub.reconciliation.domain;

import java.util.List;
import java.util.Set;

/**
 * What the rules say about one order.
 *
 * @param evaluated the rules that reached a decision: an open discrepancy of a rule not in here is left open
 *                  (its source was unavailable, or the facts are still settling)
 * @param recheck   the answer depends on time (settling, sync lag, pickup grace): check again on the next run
 *                  even if nothing changes
 */
public record Evaluation(List<Finding> findings, Set<String> evaluated, boolean recheck) {
}
