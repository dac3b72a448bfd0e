package io.orderhub.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PercentilesTest {

    @Test
    void nearestRankOnOneToAHundred() {
        long[] shuffled = LongStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).toArray();
        Percentiles p = Percentiles.of(shuffled);
        assertEquals(50, p.at(50));
        assertEquals(95, p.at(95));
        assertEquals(99, p.at(99));
        assertEquals(100, p.at(100));
        assertEquals(100, p.max());
        assertEquals(50.5, p.mean(), 1e-9);
    }

    @Test
    void aSingleOutlierShowsAtP99OnlyWhenItIsMoreThanOnePercent() {
        long[] samples = new long[200];
        java.util.Arrays.fill(samples, 10);
        samples[0] = 5_000;
        assertEquals(10, Percentiles.of(samples).at(99));
        samples[1] = 5_000;
        samples[2] = 5_000;
        assertEquals(5_000, Percentiles.of(samples).at(99));
        assertEquals(10, Percentiles.of(samples).at(95));
    }

    @Test
    void smallAndEmptySamples() {
        assertEquals(7, Percentiles.of(new long[] {7}).at(50));
        assertEquals(3, Percentiles.of(new long[] {9, 3}).at(50));
        assertEquals(9, Percentiles.of(new long[] {9, 3}).at(99));
        assertEquals(-1, Percentiles.of(new long[0]).at(99));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}).at(0));
    }

    @Test
    void latencyFiguresAreMillisecondsFromMicroseconds() {
        StepResult.Latency l = StepResult.Latency.ofMicros(new long[] {1_500, 2_500, 10_000, 250_000});
        assertEquals(4, l.count());
        assertEquals(2.5, l.p50());
        assertEquals(250.0, l.p99());
    }
}
