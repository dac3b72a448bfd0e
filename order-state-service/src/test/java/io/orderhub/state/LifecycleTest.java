package io.orderhub.state;

import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;
import io.orderhub.state.domain.Decision;
import io.orderhub.state.domain.Evidence;
import io.orderhub.state.domain.Lifecycle;
import io.orderhub.state.domain.OrderFacts;
import io.orderhub.state.domain.TransitionRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.orderhub.contract.OrderState.CLOSED;
import static io.orderhub.contract.OrderState.DELIVERED;
import static io.orderhub.contract.OrderState.LABEL_PRINTED;
import static io.orderhub.contract.OrderState.PAID;
import static io.orderhub.contract.OrderState.PENDING_PAYMENT;
import static io.orderhub.contract.OrderState.SHIPPED;
import static io.orderhub.contract.OrderState.STOCK_LOCKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transition table, every guard, never-backwards, gap filling, holds — without Quarkus. */
class LifecycleTest {
    private static final String ID = "OH2026TEST0001";

    private static OrderFacts at(OrderState state) {
        return OrderFacts.of(ID, state);
    }

    private static OrderFacts labelled(OrderState state) {
        return at(state).withReservationConfirmed().withLabel("SF", "SF1234567890");
    }

    private static TransitionRequest command(String action, OrderState target, Evidence evidence) {
        return TransitionRequest.command(action, target, evidence, "user:alice");
    }

    private static TransitionRequest report(OrderState target) {
        return TransitionRequest.report(target, Evidence.NONE, "channel:shopify", "orderhub.order.ingested.v1");
    }

    private static Decision.Moved moved(Decision d) {
        return assertInstanceOf(Decision.Moved.class, d, () -> "expected a move, got " + d);
    }

    private static Decision.Refused refused(Decision d) {
        return assertInstanceOf(Decision.Refused.class, d, () -> "expected a refusal, got " + d);
    }

    @Test
    void theTableIsTheOneOfTheDesign() {
        assertEquals(EnumSet.of(PAID, CLOSED), Lifecycle.NEXT.get(PENDING_PAYMENT));
        assertEquals(EnumSet.of(STOCK_LOCKED, CLOSED), Lifecycle.NEXT.get(PAID));
        assertEquals(EnumSet.of(LABEL_PRINTED, CLOSED), Lifecycle.NEXT.get(STOCK_LOCKED));
        assertEquals(EnumSet.of(SHIPPED, CLOSED), Lifecycle.NEXT.get(LABEL_PRINTED));
        assertEquals(EnumSet.of(DELIVERED), Lifecycle.NEXT.get(SHIPPED));
        assertTrue(Lifecycle.isTerminal(DELIVERED));
        assertTrue(Lifecycle.isTerminal(CLOSED));
        assertEquals(Set.of(STOCK_LOCKED, LABEL_PRINTED, SHIPPED), Lifecycle.GUARDS.keySet());
    }

    @Test
    void theHappyPathTakesOneStepAtATime() {
        OrderFacts f = at(PENDING_PAYMENT);
        f = step(f, report(PAID), PAID);
        f = step(f, TransitionRequest.report(STOCK_LOCKED, Evidence.reservation(), "service:inventory-service", "reserved"), STOCK_LOCKED);
        f = step(f, command("print-label", LABEL_PRINTED, Evidence.label("SF", "SF1234567890")), LABEL_PRINTED);
        assertEquals("SF", f.carrier());
        f = step(f, command("ship", SHIPPED, Evidence.NONE), SHIPPED);
        step(f, command("deliver", DELIVERED, Evidence.NONE), DELIVERED);
    }

    private static OrderFacts step(OrderFacts f, TransitionRequest r, OrderState expected) {
        Decision.Moved m = moved(Lifecycle.decide(f, r));
        assertEquals(List.of(new Decision.Step(f.state(), expected, false, null)), m.steps());
        OrderFacts after = m.after();
        return new OrderFacts(after.globalOrderId(), expected, after.holds(), after.conditions(), after.carrier(),
                after.trackingNumber(), after.reservationConfirmed());
    }

    @Nested
    class Guards {
        @Test
        void stockLockedNeedsAConfirmedReservation() {
            Decision.Refused r = refused(Lifecycle.decide(at(PAID), command("lock-stock", STOCK_LOCKED, Evidence.NONE)));
            assertTrue(r.reason().contains("needs a confirmed stock reservation"), r.reason());
            moved(Lifecycle.decide(at(PAID), command("lock-stock", STOCK_LOCKED, Evidence.reservation())));
        }

        @Test
        void labelPrintedNeedsACarrierAndANonEmptyTrackingNumber() {
            OrderFacts locked = at(STOCK_LOCKED).withReservationConfirmed();
            for (Evidence bad : List.of(Evidence.NONE, Evidence.label("SF", ""), Evidence.label("SF", "   "),
                    Evidence.label(null, "SF123"), Evidence.label(" ", "SF123"))) {
                Decision.Refused r = refused(Lifecycle.decide(locked, command("print-label", LABEL_PRINTED, bad)));
                assertTrue(r.reason().contains("print-label needs a carrier and a non-empty tracking number"), r.reason());
                assertEquals(STOCK_LOCKED, r.from());
                assertEquals(LABEL_PRINTED, r.to());
            }
            Decision.Moved m = moved(Lifecycle.decide(locked, command("print-label", LABEL_PRINTED, Evidence.label(" SF ", " SF123 "))));
            assertEquals("SF", m.after().carrier());
            assertEquals("SF123", m.after().trackingNumber());
        }

        @Test
        void shippedNeedsATrackingNumber() {
            OrderFacts printedWithoutTracking = at(LABEL_PRINTED).withLabel("SF", null);
            Decision.Refused r = refused(Lifecycle.decide(printedWithoutTracking, command("ship", SHIPPED, Evidence.NONE)));
            assertTrue(r.reason().endsWith("ship needs a tracking number"), r.reason());
            Decision.Moved m = moved(Lifecycle.decide(printedWithoutTracking, command("ship", SHIPPED, Evidence.tracking("SF999"))));
            assertEquals("SF999", m.after().trackingNumber());
            // the label's tracking number is enough
            moved(Lifecycle.decide(labelled(LABEL_PRINTED), command("ship", SHIPPED, Evidence.NONE)));
        }

        @Test
        void aCommandTakesExactlyOneStepAndSaysWhichIsMissing() {
            Decision.Refused r = refused(Lifecycle.decide(labelled(STOCK_LOCKED), command("ship", SHIPPED, Evidence.tracking("X1"))));
            assertEquals("order " + ID + " is STOCK_LOCKED; ship needs LABEL_PRINTED first", r.reason());
            r = refused(Lifecycle.decide(at(PAID), command("print-label", LABEL_PRINTED, Evidence.label("SF", "1"))));
            assertEquals("order " + ID + " is PAID; print-label needs STOCK_LOCKED first", r.reason());
            r = refused(Lifecycle.decide(labelled(LABEL_PRINTED), command("deliver", DELIVERED, Evidence.NONE)));
            assertEquals("order " + ID + " is LABEL_PRINTED; deliver needs SHIPPED first", r.reason());
        }

        @ParameterizedTest
        @EnumSource(Hold.class)
        void aHeldOrderDoesNotAdvanceToLabelPrintedOrShipped(Hold hold) {
            Decision.Refused r = refused(Lifecycle.decide(labelled(STOCK_LOCKED).withHolds(hold),
                    command("print-label", LABEL_PRINTED, Evidence.label("SF", "SF1"))));
            assertTrue(r.reason().contains("held (" + hold + ")"), r.reason());
            refused(Lifecycle.decide(labelled(LABEL_PRINTED).withHolds(hold), command("ship", SHIPPED, Evidence.NONE)));
            // a hold does not stop reserving stock, nor closing
            moved(Lifecycle.decide(at(PAID).withHolds(hold), TransitionRequest.report(STOCK_LOCKED, Evidence.reservation(), "service:inventory-service", "reserved")));
            moved(Lifecycle.decide(labelled(LABEL_PRINTED).withHolds(hold), command("cancel", CLOSED, Evidence.NONE)));
        }
    }

    @Nested
    class NeverBackwards {
        @ParameterizedTest
        @EnumSource(value = OrderState.class, names = {"PENDING_PAYMENT", "PAID", "STOCK_LOCKED", "LABEL_PRINTED"})
        void onceShippedAnythingBeforeShippedIsRefusedWhoeverSendsIt(OrderState target) {
            for (TransitionRequest r : List.of(report(target),
                    TransitionRequest.report(target, Evidence.reservation(), "service:inventory-service", "reserved"),
                    command("x", target, Evidence.label("SF", "1")))) {
                Decision.Refused refused = refused(Lifecycle.decide(labelled(SHIPPED), r));
                assertEquals(SHIPPED, refused.from());
                assertEquals(target, refused.to());
                assertTrue(refused.reason().contains("a shipped order never goes backwards"), refused.reason());
                refused(Lifecycle.decide(labelled(DELIVERED), r));
            }
        }

        @Test
        void theErpFullSyncCaseIsRefused() {
            Decision.Refused r = refused(Lifecycle.decide(labelled(SHIPPED), report(PAID)));
            assertEquals("order " + ID + " is SHIPPED; moving it back to PAID is refused: a shipped order never goes backwards", r.reason());
        }

        @Test
        void deliveredNeverGoesBackToShipped() {
            refused(Lifecycle.decide(labelled(DELIVERED), report(SHIPPED)));
        }

        @Test
        void closedOnlyBeforeShipped() {
            for (OrderState s : List.of(PENDING_PAYMENT, PAID, STOCK_LOCKED, LABEL_PRINTED)) {
                Decision.Moved m = moved(Lifecycle.decide(labelled(s), report(CLOSED)));
                assertEquals(CLOSED, m.to());
            }
            Decision.Refused r = refused(Lifecycle.decide(labelled(SHIPPED), command("cancel", CLOSED, Evidence.NONE)));
            assertTrue(r.reason().contains("intercept the shipment or open a return"), r.reason());
            refused(Lifecycle.decide(labelled(DELIVERED), report(CLOSED)));
        }

        @ParameterizedTest
        @EnumSource(value = OrderState.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
        void aClosedOrderNeverMovesAgain(OrderState target) {
            refused(Lifecycle.decide(at(CLOSED), report(target)));
        }

        @Test
        void beforeShippingAReportOfAnEarlierStepChangesNothing() {
            // the channel keeps saying PAID while the hub knows the stock is locked and the label printed
            assertInstanceOf(Decision.Unchanged.class, Lifecycle.decide(labelled(STOCK_LOCKED), report(PAID)));
            assertInstanceOf(Decision.Unchanged.class, Lifecycle.decide(labelled(LABEL_PRINTED), report(PAID)));
            assertInstanceOf(Decision.Unchanged.class, Lifecycle.decide(labelled(LABEL_PRINTED), report(PENDING_PAYMENT)));
        }
    }

    @Nested
    class GapFilling {
        @Test
        void aLateDeliveredMovesPaidForwardAndMarksTheSkippedSteps() {
            Decision.Moved m = moved(Lifecycle.decide(at(PAID), report(DELIVERED)));
            assertEquals(PAID, m.from());
            assertEquals(DELIVERED, m.to());
            assertEquals(List.of(STOCK_LOCKED, LABEL_PRINTED, SHIPPED, DELIVERED), m.steps().stream().map(Decision.Step::to).toList());
            assertEquals(List.of(PAID, STOCK_LOCKED, LABEL_PRINTED, SHIPPED), m.steps().stream().map(Decision.Step::from).toList());
            assertEquals(List.of(true, true, true, false), m.steps().stream().map(Decision.Step::gapFilled).toList());
            assertTrue(m.steps().get(0).note().startsWith("gap-filled: DELIVERED reported by channel:shopify implies STOCK_LOCKED"),
                    m.steps().get(0).note());
            assertTrue(m.steps().get(2).note().contains("entered without a tracking number"), m.steps().get(2).note());
            assertNull(m.steps().get(3).note());
        }

        @Test
        void aReportRecordsAStandingHoldInsteadOfDenyingWhatHappened() {
            Decision.Moved m = moved(Lifecycle.decide(labelled(STOCK_LOCKED).withHolds(Hold.RISK_REVIEW), report(SHIPPED)));
            assertEquals(2, m.steps().size());
            assertTrue(m.steps().get(1).note().contains("entered while held (RISK_REVIEW)"), m.steps().get(1).note());
        }

        @Test
        void aReportWithItsEvidenceIsClean() {
            Decision.Moved m = moved(Lifecycle.decide(at(PAID),
                    TransitionRequest.report(STOCK_LOCKED, Evidence.reservation(), "service:inventory-service", "reserved")));
            assertEquals(List.of(new Decision.Step(PAID, STOCK_LOCKED, false, null)), m.steps());
            assertTrue(m.after().reservationConfirmed());
        }
    }

    @Nested
    class Duplicates {
        @ParameterizedTest
        @EnumSource(OrderState.class)
        void theSameStateAgainChangesNothing(OrderState state) {
            assertInstanceOf(Decision.Unchanged.class, Lifecycle.decide(labelled(state), report(state)));
        }

        @Test
        void theSamePrintLabelAgainChangesNothingButANewLabelIsACarrierChange() {
            assertInstanceOf(Decision.Unchanged.class, Lifecycle.decide(labelled(LABEL_PRINTED),
                    command("print-label", LABEL_PRINTED, Evidence.label("SF", "SF1234567890"))));
            Decision.Moved m = moved(Lifecycle.decide(labelled(LABEL_PRINTED),
                    command("print-label", LABEL_PRINTED, Evidence.label("JD", "JDV000111"))));
            assertEquals("JD", m.after().carrier());
            assertFalse(m.steps().get(0).gapFilled());
            assertTrue(m.steps().get(0).note().contains("SF SF1234567890 → JD JDV000111"));
        }
    }
}
