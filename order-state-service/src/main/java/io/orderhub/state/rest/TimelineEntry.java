package io.orderhub.state.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.orderhub.contract.OrderState;
import io.orderhub.state.domain.AuditKind;
import io.orderhub.state.domain.OrderAudit;

import java.time.Instant;

/**
 * One entry of {@code GET /orders/{id}/timeline}.
 *
 * @param detail   the hold (HOLD, HOLD_RELEASED) or the condition set (+) or cleared (-)
 * @param snapshot the data that caused it, as JSON
 */
public record TimelineEntry(Instant at, AuditKind kind, OrderState from, OrderState to, String detail, String actor,
        String trigger, String reason, @JsonRawValue String snapshot) {

    public static TimelineEntry of(OrderAudit a) {
        return new TimelineEntry(a.occurredAt, a.kind, a.fromState, a.toState, a.detail, a.actor, a.trigger, a.reason,
                a.snapshot);
    }
}
