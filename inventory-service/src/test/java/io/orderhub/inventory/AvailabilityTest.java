package io.orderhub.inventory;

import io.orderhub.contract.FundingStatus;
import io.orderhub.inventory.domain.Availability;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvailabilityTest {
    private static final BigDecimal F = new BigDecimal("0.3");

    @Test
    void depositsCountOnlyByTheirFactor() {
        // 100 on hand, 40 fully paid, 50 deposits × 0.3 = 15 → 45 available
        assertEquals(0, new BigDecimal("45").compareTo(Availability.available(100, 40, 50, F)));
    }

    @Test
    void aDepositReservationTakesItsWeightedShare() {
        BigDecimal available = new BigDecimal("3");
        assertTrue(Availability.fits(available, 10, FundingStatus.DEPOSIT_FROZEN, F), "10 deposits weigh 3");
        assertFalse(Availability.fits(available, 11, FundingStatus.DEPOSIT_FROZEN, F), "11 deposits weigh 3.3");
        assertFalse(Availability.fits(available, 4, FundingStatus.FULLY_PAID, F));
        assertTrue(Availability.fits(available, 3, FundingStatus.FULLY_PAID, F));
    }
}
