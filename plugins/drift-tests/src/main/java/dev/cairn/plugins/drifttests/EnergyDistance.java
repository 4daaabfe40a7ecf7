package dev.cairn.plugins.drifttests;

import dev.cairn.plugins.api.DriftTest;

/**
 * Evidently's {@code ed} test: the energy distance between the reference and current distributions of a numerical
 * column, as {@code scipy.stats.energy_distance} computes it, {@code sqrt(2) * sqrt(integral of (F - G)^2)} over the
 * two empirical CDFs. It weighs differences across the whole range, where K-S sees only the largest gap, and it is in
 * the column's units (like an unnormalised Wasserstein distance), so its 0.1 default suits data of unit scale.
 * Evidently reports drift above the threshold; Cairn's distances drift at or above it.
 */
public final class EnergyDistance implements DriftTest {

    @Override
    public String id() {
        return "ed";
    }

    @Override
    public String displayName() {
        return "Energy distance";
    }

    @Override
    public double defaultThreshold() {
        return 0.1;
    }

    @Override
    public Kind kind() {
        return Kind.DISTANCE;
    }

    @Override
    public boolean numerical() {
        return true;
    }

    @Override
    public Result testNumerical(double[] reference, double[] current) {
        return Result.distance(of(reference, current));
    }

    /**
     * The energy distance of two sorted samples, in one merge pass: between consecutive values of both samples the
     * two empirical CDFs are constant, so the integral is a sum over those gaps.
     */
    static double of(double[] u, double[] v) {
        int i = 0;
        int j = 0;
        double sum = 0;
        double previous = Math.min(u[0], v[0]);
        while (i < u.length || j < v.length) {
            double next = j == v.length || i < u.length && u[i] <= v[j] ? u[i] : v[j];
            double gap = (double) i / u.length - (double) j / v.length;
            sum += gap * gap * (next - previous);
            while (i < u.length && u[i] == next) {
                i++;
            }
            while (j < v.length && v[j] == next) {
                j++;
            }
            previous = next;
        }
        return Math.sqrt(2 * sum);
    }
}
