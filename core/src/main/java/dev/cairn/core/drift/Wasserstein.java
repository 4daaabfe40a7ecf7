package dev.cairn.core.drift;

/**
 * Evidently's normed Wasserstein distance: scipy's first Wasserstein distance between the samples (the area between
 * their CDFs, over the merged sorted values as {@code _cdf_distance} walks them) divided by the reference's
 * population standard deviation, at least 0.001. Commons Math has no equivalent.
 */
final class Wasserstein {

    private static final double MIN_NORM = 0.001;

    private Wasserstein() {
    }

    static TestOutcome test(NumericSample sample) {
        double norm = Math.max(NumericSample.populationStd(sample.reference()), MIN_NORM);
        return TestOutcome.distance(distance(sample.reference(), sample.current()) / norm);
    }

    /** One merge pass over two sorted arrays: Σ |F_u(x) − F_v(x)| · Δx. */
    static double distance(double[] u, double[] v) {
        int i = 0;
        int j = 0;
        double total = 0;
        double previous = Math.min(u[0], v[0]);
        while (i < u.length || j < v.length) {
            double next = j == v.length || i < u.length && u[i] <= v[j] ? u[i] : v[j];
            total += Math.abs((double) i / u.length - (double) j / v.length) * (next - previous);
            previous = next;
            while (i < u.length && u[i] == next) {
                i++;
            }
            while (j < v.length && v[j] == next) {
                j++;
            }
        }
        return total;
    }
}
