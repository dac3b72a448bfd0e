package io.orderhub.alerting.domain;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses an order's ship-by window: the first rule (by position, then name) whose category, warehouse and
 * packers-on-duty conditions all hold; the default window when none does. A matching {@code exempt} rule means
 * no clock at all (e.g. made to order).
 */
public record ShipByPolicy(List<SlaRule> rules, Map<String, Integer> packersOnDuty, Map<String, String> skuCategories,
        Duration defaultWindow) {

    public record Decision(Duration window, String ruleName, boolean exempt) {
    }

    public ShipByPolicy {
        rules = rules.stream().sorted(Comparator.comparingInt((SlaRule r) -> r.position).thenComparing(r -> r.name)).toList();
    }

    /** The categories of an order's SKUs: every category whose prefix starts one of them. */
    public Set<String> categories(List<String> skus) {
        Set<String> out = new TreeSet<>();
        for (String sku : skus) {
            skuCategories.forEach((prefix, category) -> {
                if (sku.startsWith(prefix)) {
                    out.add(category);
                }
            });
        }
        return out;
    }

    public Decision decide(List<String> skus, String warehouse) {
        Set<String> categories = categories(skus);
        Integer packers = warehouse == null ? null : packersOnDuty.get(warehouse);
        for (SlaRule r : rules) {
            if (r.matches(categories, warehouse, packers)) {
                return new Decision(Duration.ofSeconds(r.windowSeconds), r.name, r.exempt);
            }
        }
        return new Decision(defaultWindow, "default", false);
    }
}
