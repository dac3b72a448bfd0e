package io.orderhub.bench;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted samples is the sample at rank
 * {@code ceil(p/100 × n)} (1-based), so every figure is a latency that was actually observed.
 */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Copies and sorts {@code samples} (any unit; the figures come out in the same unit). */
    public static Percentiles of(long[] samples) {
        long[] copy = Arrays.copyOf(samples, samples.length);
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile {@code p} in (0, 100]; -1 when there are no samples. */
    public long at(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100], not " + p);
        }
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public long max() {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    public double mean() {
        return sorted.length == 0 ? -1 : Arrays.stream(sorted).average().orElse(-1);
    }
}
