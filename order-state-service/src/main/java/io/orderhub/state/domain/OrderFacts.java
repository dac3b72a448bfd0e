package io.orderhub.state.domain;

import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;

import java.util.EnumSet;
import java.util.Set;

/** What the lifecycle needs to know about an order to decide a transition. */
public record OrderFacts(String globalOrderId, OrderState state, Set<Hold> holds, Set<Condition> conditions,
        String carrier, String trackingNumber, boolean reservationConfirmed) {

    public OrderFacts {
        holds = holds == null || holds.isEmpty() ? EnumSet.noneOf(Hold.class) : EnumSet.copyOf(holds);
        conditions = conditions == null || conditions.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(conditions);
    }

    public static OrderFacts of(String globalOrderId, OrderState state) {
        return new OrderFacts(globalOrderId, state, Set.of(), Set.of(), null, null, false);
    }

    public OrderFacts withHolds(Hold... more) {
        Set<Hold> h = EnumSet.noneOf(Hold.class);
        h.addAll(holds);
        h.addAll(Set.of(more));
        return new OrderFacts(globalOrderId, state, h, conditions, carrier, trackingNumber, reservationConfirmed);
    }

    public OrderFacts withLabel(String carrier, String trackingNumber) {
        return new OrderFacts(globalOrderId, state, holds, conditions, carrier, trackingNumber, reservationConfirmed);
    }

    public OrderFacts withReservationConfirmed() {
        return new OrderFacts(globalOrderId, state, holds, conditions, carrier, trackingNumber, true);
    }

    public OrderFacts withConditions(Condition... more) {
        Set<Condition> c = EnumSet.noneOf(Condition.class);
        c.addAll(conditions);
        c.addAll(Set.of(more));
        return new OrderFacts(globalOrderId, state, holds, c, carrier, trackingNumber, reservationConfirmed);
    }

    /** These facts with the request's evidence laid over them (what the order would know after it). */
    public OrderFacts with(Evidence evidence) {
        if (evidence == null) {
            return this;
        }
        return new OrderFacts(globalOrderId, state, holds, conditions,
                Text.present(evidence.carrier()) ? evidence.carrier().strip() : carrier,
                Text.present(evidence.trackingNumber()) ? evidence.trackingNumber().strip() : trackingNumber,
                reservationConfirmed || evidence.reservationConfirmed());
    }
}
