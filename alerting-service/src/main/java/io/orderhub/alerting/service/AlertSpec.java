package io.orderhub.alerting.service;

import io.orderhub.alerting.domain.Severity;

import java.util.Map;

/**
 * An alert to raise (or to escalate, when its key is already open with another tier or severity).
 *
 * @param groupKey notifications with the same group key that come within the group wait go out together
 */
public record AlertSpec(String dedupeKey, String kind, Severity severity, String tier, String team, String globalOrderId,
        String summary, Map<String, String> labels, String groupKey) {

    public AlertSpec {
        labels = labels == null ? Map.of() : labels;
        groupKey = groupKey == null ? kind + ":" + team : groupKey;
    }

    public static AlertSpec of(String dedupeKey, String kind, Severity severity, String team, String globalOrderId,
            String summary, Map<String, String> labels) {
        return new AlertSpec(dedupeKey, kind, severity, null, team, globalOrderId, summary, labels, null);
    }
}
