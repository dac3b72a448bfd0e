package io.orderhub.kit;

import io.orderhub.contract.Money;
import io.orderhub.contract.payload.Address;
import io.orderhub.contract.payload.AlertChanged;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.contract.payload.ReconciliationFinding;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.kit.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Event payloads are bound by Jackson outside REST endpoints (consumers, the outbox), which a native image
 * cannot discover by itself: register them here once for every service.
 */
@RegisterForReflection(targets = {
        Money.class, Address.class, OrderLine.class, OrderIngested.class, OrderLifecycleChanged.class,
        StockChanged.class, StockChanged.Line.class, StockChanged.LowStock.class, ReturnChanged.class,
        ReconciliationFinding.class, AlertChanged.class, Problem.class})
public final class NativeRegistrations {
    private NativeRegistrations() {
    }
}
