package io.orderhub.returns.config;

import io.orderhub.returns.domain.RiskCheck;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "orderhub.returns")
public interface ReturnsConfig {
    /** Quality check is due this long after the goods are received; later it escalates (RETURN_QC_OVERDUE). */
    @WithDefault("PT4H")
    Duration qcDeadline();

    /** How often the QC deadline job looks for overdue quality checks (read by its {@code @Scheduled}). */
    @WithDefault("60s")
    String qcScanEvery();

    /** How long after start the QC deadline job first runs. */
    @WithDefault("5s")
    String qcScanDelay();

    /** A classification below this confidence goes to manual review: never a silent guess. */
    @WithDefault("0.7")
    double minConfidence();

    Risk risk();

    interface Risk {
        /** The return window, counted from delivery (or shipping when delivery is unknown). */
        @WithDefault("P7D")
        Duration window();

        /** What happens when the window has ended: REJECT, MANUAL_REVIEW or ALLOW. */
        @WithDefault("REJECT")
        RiskCheck.Action windowExpiredAction();

        /** What happens when the goods were opened or used (and are not defective). */
        @WithDefault("MANUAL_REVIEW")
        RiskCheck.Action openedAction();

        /** Customer ids or phone numbers whose returns are not accepted automatically. */
        @WithDefault("none")
        List<String> blacklist();

        @WithDefault("REJECT")
        RiskCheck.Action blacklistedAction();
    }
}
