package io.orderhub.bench;

import java.util.Random;

/**
 * Ranks 1..n drawn with probability proportional to {@code 1 / rank^s}: a few hot SKUs take most of the lines, as
 * in a promotion (s = 1.1 over 200 SKUs puts about a fifth of all lines on the hottest one).
 */
public final class Zipf {
    private final double[] cumulative;

    public Zipf(int n, double s) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1.0 / Math.pow(k, s);
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A rank in 1..n. */
    public int next(Random random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo + 1;
    }

    /** The probability of rank {@code k}. */
    public double probability(int k) {
        return cumulative[k - 1] - (k == 1 ? 0 : cumulative[k - 2]);
    }
}
