package io.orderhub.reconciliation.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What this run could see: a source that was unavailable (timeouts, open breaker) decides no "missing" and no
 * tracking rule, so an outage never looks like a thousand missing orders, and open discrepancies it would have
 * decided stay as they were.
 *
 * @param platforms per channel with a configured platform source
 * @param erpFrom   ERP rows are known from this time on (the first pull's window start); earlier orders are not expected
 */
public record Coverage(Map<String, PlatformCoverage> platforms, boolean erpAvailable, Instant erpFrom, boolean carrierAvailable) {

    /** One channel's platform pull: its shops, whether this run reached them, and the window it has read. */
    public record PlatformCoverage(boolean available, Set<String> shops, Instant from, Instant until) {
    }

    public PlatformCoverage platform(String channel) {
        return channel == null ? null : platforms.get(channel);
    }
}
