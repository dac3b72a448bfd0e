package io.orderhub.state.domain;

import io.orderhub.contract.OrderState;

import java.util.List;

/** The lifecycle's answer to a {@link TransitionRequest}. */
public sealed interface Decision {

    /** Nothing changes: a duplicate, or a report of a step the order is already past (before shipping). */
    record Unchanged(String reason) implements Decision {
    }

    /** The write is refused and must be recorded; the order keeps its state. */
    record Refused(OrderState from, OrderState to, String reason) implements Decision {
    }

    /**
     * The order moves; {@code steps} are in order, every step but the last one gap-filled when a report
     * skipped states. {@code after} are the facts once the request's evidence is applied.
     */
    record Moved(OrderFacts after, List<Step> steps) implements Decision {
        public OrderState from() {
            return steps.get(0).from();
        }

        public OrderState to() {
            return steps.get(steps.size() - 1).to();
        }
    }

    /** One step of a move. {@code note} says what was missing or implied; null when nothing was. */
    record Step(OrderState from, OrderState to, boolean gapFilled, String note) {
    }
}
