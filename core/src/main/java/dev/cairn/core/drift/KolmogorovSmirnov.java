package dev.cairn.core.drift;

import org.apache.commons.math3.util.ArithmeticUtils;

/**
 * The two-sample Kolmogorov-Smirnov test as scipy's {@code ks_2samp(x, y)} computes it by default
 * ({@code method='auto'}, two-sided): the exact distribution when both samples have at most 10,000 values, otherwise
 * {@code kstwo.sf(D, round(n1*n2/(n1+n2)))}. Commons Math's {@code kolmogorovSmirnovTest} is not used: it computes
 * P(D &gt; d) rather than P(D &ge; d), jitters ties at random and overflows for large exact cases.
 */
final class KolmogorovSmirnov {

    private static final int MAX_EXACT_N = 10_000;

    private KolmogorovSmirnov() {
    }

    static TestOutcome test(NumericSample sample) {
        double[] a = sample.reference();
        double[] b = sample.current();
        int n1 = a.length;
        int n2 = b.length;
        double d = statistic(a, b);
        if (Math.max(n1, n2) <= MAX_EXACT_N) {
            long g = ArithmeticUtils.gcd((long) n1, n2);
            long lcm = (n1 / g) * n2;
            long h = (long) Math.rint(d * lcm);
            d = (double) h / lcm;
            if (h == 0) {
                return new TestOutcome(d, 1.0);
            }
            double p = n1 == n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
            if (p >= 0 && p <= 1) {
                return new TestOutcome(d, p);
            }
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double p = KolmogorovDistribution.sf(d, (int) Math.rint(m * n / (m + n)));
        return new TestOutcome(d, Math.min(Math.max(p, 0), 1));
    }

    /** max |F1 - F2| over all values, each CDF as scipy forms it (count / n). */
    static double statistic(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double maxPositive = 0;
        double maxNegative = 0;
        while (i < a.length || j < b.length) {
            double next = j == b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
            double diff = (double) i / a.length - (double) j / b.length;
            maxPositive = Math.max(maxPositive, diff);
            maxNegative = Math.max(maxNegative, -diff);
        }
        return Math.max(maxPositive, maxNegative);
    }

    /** P(D ≥ h/n) for n1 = n2 = n: Hodges' alternating sum in scipy's Horner-like form (no cancellation). */
    static double probOutsideSquare(long n, long h) {
        double p = 0;
        for (long k = n / h; k >= 0; k--) {
            double term = 1;
            for (long j = 0; j < h; j++) {
                term = (n - k * h - j) * term / (n + k * h + j + 1);
            }
            p = term * (1 - p);
        }
        return 2 * p;
    }

    /**
     * P(D ≥ h/lcm) for n1 ≠ n2: the share of lattice paths leaving the band, by Viehmann's recursion for 1 - p
     * (arXiv:2102.08037), one sliding column at a time as scipy's {@code _compute_outer_prob_inside_method}.
     */
    static double outerProbInside(long n1, long n2, long g, long h) {
        long m = Math.max(n1, n2);
        long n = Math.min(n1, n2);
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min((h + mg - 1) / mg, n + 1);
        int curlen = maxj - minj;
        int lenA = (int) Math.min(2L * maxj + 2, n + 1);
        double[] column = new double[lenA];
        java.util.Arrays.fill(column, 1.0);
        java.util.Arrays.fill(column, minj, maxj, 0.0);
        for (long i = 1; i <= m; i++) {
            int lastminj = minj;
            int lastlen = curlen;
            minj = (int) Math.min(Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0), n);
            maxj = (int) Math.min(Math.floorDiv(ng * i + h + mg - 1, mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double value = minj == 0 ? 0.0 : 1.0;
            for (int jj = 0; jj < maxj - minj; jj++) {
                long j = jj + minj;
                value = (column[jj + minj - lastminj] * i + value * j) / (i + j);
                column[jj] = value;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                java.util.Arrays.fill(column, maxj - minj, maxj - minj + (lastlen - curlen), 1.0);
            }
        }
        return column[maxj - minj - 1];
    }
}
