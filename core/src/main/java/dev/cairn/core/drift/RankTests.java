package dev.cairn.core.drift;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.util.ArithmeticUtils;

/** Evidently's rank-based numerical tests: Mann-Whitney U and Cramér-von Mises. */
final class RankTests {

    /** scipy's mannwhitneyu uses the exact null distribution when a sample has at most 8 values and nothing ties. */
    private static final int MAX_EXACT_MANN_WHITNEY = 8;
    /** Evidently's _cvm_2samp is exact when both samples have at most 20 values. */
    private static final int MAX_EXACT_CRAMER_VON_MISES = 20;

    private RankTests() {
    }

    /**
     * scipy's {@code mannwhitneyu(reference, current, alternative='less')} as Evidently calls it: statistic U1 of the
     * reference; p from the survival function of U2 (normal with tie correction and continuity 0.5 for larger samples).
     */
    static TestOutcome mannWhitney(NumericSample sample) {
        double[] a = sample.reference();
        double[] b = sample.current();
        MergedRanks ranks = MergedRanks.of(a, b);
        double n1 = a.length;
        double n2 = b.length;
        double rankSum = 0;
        for (double rank : ranks.reference()) {
            rankSum += rank;
        }
        double u1 = rankSum - n1 * (n1 + 1) / 2;
        double u2 = n1 * n2 - u1;
        double p;
        if ((a.length <= MAX_EXACT_MANN_WHITNEY || b.length <= MAX_EXACT_MANN_WHITNEY) && !ranks.ties()) {
            p = exactMannWhitneyTail(a.length, b.length, (long) u2);
        } else {
            double n = n1 + n2;
            double s = Math.sqrt(n1 * n2 / 12 * ((n + 1) - ranks.tieTerm() / (n * (n - 1))));
            double z = (u2 - n1 * n2 / 2 - 0.5) / s;
            p = NormalCdf.cdf(-z);
        }
        return new TestOutcome(u1, Math.min(Math.max(p, 0), 1));
    }

    /** P(U ≥ u) under H0: coefficients of the Gaussian binomial [m+n choose m]_q over C(m+n, m). */
    private static double exactMannWhitneyTail(int m, int n, long u) {
        int small = Math.min(m, n);
        int large = Math.max(m, n);
        int maxU = small * large;
        double[] frequencies = new double[maxU + small + 1];
        frequencies[0] = 1;
        int degree = 0;
        for (int i = 1; i <= small; i++) {
            // Multiply by (1 - q^(large+i)), then divide by (1 - q^i).
            int up = large + i;
            for (int k = degree + up; k >= up; k--) {
                frequencies[k] -= frequencies[k - up];
            }
            // The division is exact, so running it over the whole product clears the terms above the new degree.
            for (int k = i; k <= degree + up; k++) {
                frequencies[k] += frequencies[k - i];
            }
            degree += large;
        }
        double total = 0;
        double tail = 0;
        for (int k = 0; k <= maxU; k++) {
            total += frequencies[k];
            tail += k >= u ? frequencies[k] : 0;
        }
        return tail / total;
    }

    /**
     * Evidently's own two-sample Cramér-von Mises test ({@code _cvm_2samp}, after scipy's): the T statistic, with the
     * exact p-value for up to 20 values a side and otherwise the limiting distribution at the standardised statistic.
     */
    static TestOutcome cramerVonMises(NumericSample sample) {
        double[] a = sample.reference();
        double[] b = sample.current();
        if (a.length <= 1 || b.length <= 1) {
            throw new DatasetException("cramer_von_mises needs at least two values in reference and current");
        }
        MergedRanks ranks = MergedRanks.of(a, b);
        double nx = a.length;
        double ny = b.length;
        double sumX = 0;
        for (int i = 0; i < a.length; i++) {
            sumX += (ranks.reference()[i] - (i + 1)) * (ranks.reference()[i] - (i + 1));
        }
        double sumY = 0;
        for (int j = 0; j < b.length; j++) {
            sumY += (ranks.current()[j] - (j + 1)) * (ranks.current()[j] - (j + 1));
        }
        double u = nx * sumX + ny * sumY;
        double k = nx * ny;
        double n = nx + ny;
        double t = u / (k * n) - (4 * k - 1) / (6 * n);
        if (Math.max(a.length, b.length) <= MAX_EXACT_CRAMER_VON_MISES) {
            return new TestOutcome(t, exactCramerVonMises(u, a.length, b.length));
        }
        double et = (1 + 1 / n) / 6;
        double vt = (n + 1.0) * (4 * k * n - 3 * (nx * nx + ny * ny) - 2 * k) / (45 * n * n * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        return new TestOutcome(t, tn < 0.003 ? 1.0 : Math.max(0, 1.0 - limitingCdf(tn)));
    }

    /** The limiting CDF (Csörgő and Faraway 1996, eq. 1.2), summed until a term is below 1e-7 as Evidently does. */
    static double limitingCdf(double x) {
        double total = 0;
        for (int k = 0; ; k++) {
            double u = Math.exp(org.apache.commons.math3.special.Gamma.logGamma(k + 0.5)
                    - org.apache.commons.math3.special.Gamma.logGamma(k + 1)) / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
            double y = 4 * k + 1;
            double q = y * y / (16 * x);
            double term = u * Math.sqrt(y) * Math.exp(-q) * BesselK.quarter(q);
            total += term;
            if (Math.abs(term) < 1e-7) {
                return total;
            }
        }
    }

    /**
     * Evidently's {@code _pval_cvm_2samp_exact} (Xiao, Gordon and Yakovlev 2006): the frequencies of U over all
     * assignments, built column by column as maps from value to count.
     */
    private static double exactCramerVonMises(double s, int m, int n) {
        long lcm = (long) m / ArithmeticUtils.gcd(m, n) * n;
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long) m * n;
        double zeta = Math.floor(lcm * lcm * (m + n) * (6 * s - mn * (4 * mn - 1)) / (6.0 * mn * mn));
        double combinations = org.apache.commons.math3.util.CombinatoricsUtils.binomialCoefficientDouble(m + n, m);
        @SuppressWarnings("unchecked")
        Map<Long, Long>[] columns = new Map[m + 1];
        columns[0] = Map.of(0L, 1L);
        for (int v = 1; v <= m; v++) {
            columns[v] = Map.of();
        }
        for (long u = 0; u <= n; u++) {
            Map<Long, Long> carried = new HashMap<>();
            for (int v = 0; v <= m; v++) {
                Map<Long, Long> merged = new HashMap<>(carried);
                columns[v].forEach((value, count) -> merged.merge(value, count, Long::sum));
                long shift = (a * v - b * u) * (a * v - b * u);
                Map<Long, Long> shifted = new HashMap<>();
                merged.forEach((value, count) -> shifted.put(value + shift, count));
                carried = shifted;
                columns[v] = shifted;
            }
        }
        long atLeast = 0;
        for (Map.Entry<Long, Long> entry : columns[m].entrySet()) {
            atLeast += entry.getKey() >= zeta ? entry.getValue() : 0;
        }
        return atLeast / combinations;
    }
}
