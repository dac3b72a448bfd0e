package io.orderhub.reconciliation.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What this run could see: a source that was unavailable (timeouts, open breaker) decides no "missing" and no
 * tracking rule, so an outage never looks like a thousand missing orders, and open discrepancies it would have
 * decided stay as they were. An order the hub first heard of after a source was read is not judged missing there
 * yet either: that source's snapshot is older than the hub's knowledge of the order.
 *
 * @param platforms per channel with a configured platform source
 * @param erpFrom   ERP rows are known from this time on (the first pull's window start); earlier orders are not expected
 * @param erpReadAt when this run began reading the ERP
 */
public record Coverage(Map<String, PlatformCoverage> platforms, boolean erpAvailable, Instant erpFrom, Instant erpReadAt,
        boolean carrierAvailable) {

    /** One channel's platform pull: its shops, whether this run reached them, the window start, and when it began reading. */
    public record PlatformCoverage(boolean available, Set<String> shops, Instant from, Instant readAt) {
    }

    /** Whether the hub first heard of the order after {@code readAt} (a source read then could not know it yet). */
    public static boolean hubLearnedAfter(OrderFacts f, Instant readAt) {
        return readAt != null && f.hub() != null && f.hub().knownAt() != null && f.hub().knownAt().isAfter(readAt);
    }

    public PlatformCoverage platform(String channel) {
        return channel == null ? null : platforms.get(channel);
    }
}
