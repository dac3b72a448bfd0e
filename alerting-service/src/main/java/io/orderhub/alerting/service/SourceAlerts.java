package io.orderhub.alerting.service;

import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.AlertKind;
import io.orderhub.alerting.domain.Severity;
import io.orderhub.contract.Hold;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.ReconciliationFinding;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Alerts from the other services' events: red health score, low stock, QC overdue, reconciliation deviation. */
@ApplicationScoped
public class SourceAlerts {
    @Inject
    AlertService alerts;
    @Inject
    AlertingConfig config;

    public static String healthKey(String order) {
        return "health:" + order;
    }

    /** {@code orderhub.order.held.v1} with HEALTH_RED: customer service must intervene. */
    public Uni<Void> held(OrderLifecycleChanged change) {
        if (change.holds() == null || !change.holds().contains(Hold.HEALTH_RED.name())) {
            return Uni.createFrom().voidItem();
        }
        String order = change.globalOrderId();
        return alerts.raise(AlertSpec.of(healthKey(order), AlertKind.HEALTH_RED, Severity.WARNING, AlertKind.CS, order,
                "Order " + order + " has a red health score and is held HEALTH_RED"
                        + (change.reason() == null ? "" : ": " + change.reason()),
                Map.of("channel", Objects.toString(change.channel(), "unknown")))).replaceWithVoid();
    }

    /** A hold released without HEALTH_RED standing, or the order shipped/closed: the health alert resolves. */
    public Uni<Void> healthCleared(OrderLifecycleChanged change, String why) {
        if (change.holds() != null && change.holds().contains(Hold.HEALTH_RED.name())) {
            return Uni.createFrom().voidItem();
        }
        return alerts.resolveKey(healthKey(change.globalOrderId()), "order-state", why).replaceWithVoid();
    }

    public Uni<Void> lowStock(StockChanged.LowStock low) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("sku", low.sku());
        labels.put("available", Long.toString(low.available()));
        labels.put("threshold", Long.toString(low.threshold()));
        if (low.depositShareOfReserved() != null) {
            labels.put("deposit_share_percent", low.depositShareOfReserved().toPlainString());
        }
        String summary = low.message() != null ? low.message()
                : low.sku() + " is below its safety threshold (" + low.available() + " available < " + low.threshold() + ")";
        return alerts.raise(AlertSpec.of("low-stock:" + low.sku(), AlertKind.LOW_STOCK, Severity.WARNING, AlertKind.WAREHOUSE,
                null, summary, labels)).replaceWithVoid();
    }

    public Uni<Void> qcOverdue(ReturnChanged r) {
        String key = "qc-overdue:" + (r.returnId() == null ? r.globalOrderId() : r.returnId());
        return alerts.raise(AlertSpec.of(key, AlertKind.QC_OVERDUE, Severity.WARNING, AlertKind.RETURNS, r.globalOrderId(),
                "Quality check of return " + r.returnId() + " (order " + r.globalOrderId() + ") is overdue",
                Map.of("return_id", Objects.toString(r.returnId(), "")))).replaceWithVoid();
    }

    public Uni<Void> qcDone(ReturnChanged r) {
        return alerts.resolveKey("qc-overdue:" + r.returnId(), "returns-service", "quality check recorded").replaceWithVoid();
    }

    /** A deviation rate above the limit (3 % by default) alerts per channel; back under it resolves. */
    public Uni<Void> reconciliation(ReconciliationFinding f) {
        if (f.rate() == null) {
            return Uni.createFrom().voidItem();
        }
        String scope = f.channel() == null ? "all" : f.channel();
        String key = "reconciliation:" + scope;
        BigDecimal max = config.reconciliation().maxDeviation();
        if (f.rate().compareTo(max) <= 0) {
            return alerts.resolveKey(key, "reconciliation-service", "deviation back to " + percent(f.rate())).replaceWithVoid();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("channel", scope);
        labels.put("rate", f.rate().toPlainString());
        if (f.rule() != null) {
            labels.put("rule", f.rule());
        }
        return alerts.raise(AlertSpec.of(key, AlertKind.RECONCILIATION_DEVIATION, Severity.WARNING, AlertKind.FINANCE, null,
                "Reconciliation deviation " + percent(f.rate()) + " on " + scope + " is above " + percent(max)
                        + (f.reason() == null ? "" : ": " + f.reason()), labels)).replaceWithVoid();
    }

    static String percent(BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
