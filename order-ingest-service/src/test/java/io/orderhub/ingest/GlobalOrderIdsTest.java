package io.orderhub.ingest;

import io.orderhub.ingest.domain.GlobalOrderIds;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobalOrderIdsTest {
    @Test
    void idsAreOhYearAndEightCrockfordCharacters() {
        GlobalOrderIds ids = new GlobalOrderIds(new SecureRandom(), Clock.fixed(Instant.parse("2026-12-31T23:59:59Z"), ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertEquals(14, id.length(), id);
            assertTrue(id.startsWith("OH2026"), id);
            assertTrue(GlobalOrderIds.isValid(id), id);
            for (char c : id.substring(6).toCharArray()) {
                assertTrue(GlobalOrderIds.ALPHABET.indexOf(c) >= 0, "not Crockford: " + c);
                assertFalse("ILOU".indexOf(c) >= 0, "ambiguous letter " + c);
            }
            seen.add(id);
        }
        assertEquals(10_000, seen.size(), "random enough not to repeat in 10k draws");
    }

    @Test
    void theYearIsTheUtcYearOfAssignment() {
        GlobalOrderIds ids = new GlobalOrderIds(new SecureRandom(), Clock.fixed(Instant.parse("2027-01-01T00:00:01Z"), ZoneOffset.UTC));
        assertTrue(ids.next().startsWith("OH2027"));
        assertFalse(GlobalOrderIds.isValid("OH2026XK9F2N1L"), "L is not in the Crockford alphabet");
    }
}
