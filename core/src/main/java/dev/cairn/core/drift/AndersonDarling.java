package dev.cairn.core.drift;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.StatUtils;

/**
 * scipy's {@code anderson_ksamp([reference, current])} (midrank variant, Scholz and Stephens 1987) as Evidently
 * calls it: the standardised A² statistic, and the p-value interpolated from the table of critical values by a
 * quadratic in log(significance), capped to [0.001, 0.25] as scipy caps it.
 */
final class AndersonDarling {

    private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
    private static final double[] SIGNIFICANCE = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

    private AndersonDarling() {
    }

    static TestOutcome test(NumericSample sample) {
        double[][] samples = {sample.reference(), sample.current()};
        int total = sample.reference().length + sample.current().length;
        if (sample.distinctValues() < 2) {
            throw new DatasetException("anderson needs more than one distinct value in reference and current together");
        }
        double a2kn = midrankStatistic(samples, total);
        double statistic = standardise(a2kn, samples, total);
        double[] critical = new double[B0.length];
        for (int i = 0; i < critical.length; i++) {
            critical[i] = B0[i] + B1[i] + B2[i];
        }
        double p;
        if (statistic < StatUtils.min(critical)) {
            p = 0.25;
        } else if (statistic > StatUtils.max(critical)) {
            p = 0.001;
        } else {
            p = Math.exp(quadraticFit(critical, statistic));
        }
        return new TestOutcome(statistic, p);
    }

    /** A²akN, equation 7 of Scholz and Stephens, over the distinct values of the merged samples. */
    private static double midrankStatistic(double[][] samples, int total) {
        double[] merged = merge(samples[0], samples[1]);
        double result = 0;
        for (double[] s : samples) {
            double inner = 0;
            int start = 0;
            while (start < merged.length) {
                double z = merged[start];
                int end = start;
                while (end < merged.length && merged[end] == z) {
                    end++;
                }
                double lj = end - start;
                double bj = start + lj / 2.0;
                int right = NumericSample.countAtOrBelow(s, z);
                double fij = right - NumericSample.countBelow(s, z);
                double mij = right - fij / 2.0;
                double deviation = total * mij - bj * s.length;
                inner += lj / total * deviation * deviation / (bj * (total - bj) - total * lj / 4.0);
                start = end;
            }
            result += inner / s.length;
        }
        return result * (total - 1.0) / total;
    }

    private static double standardise(double a2kn, double[][] samples, int total) {
        int k = samples.length;
        double bigH = 1.0 / samples[0].length + 1.0 / samples[1].length;
        double cumulative = 0;
        double g = 0;
        for (int j = 0; j < total - 2; j++) {
            cumulative += 1.0 / (total - 1 - j);
            g += cumulative / (j + 2);
        }
        double h = cumulative + 1;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * bigH;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * bigH + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double n = total;
        double variance = (a * n * n * n + b * n * n + c * n + d) / ((n - 1.0) * (n - 2.0) * (n - 3.0));
        return (a2kn - (k - 1)) / Math.sqrt(variance);
    }

    /** numpy's {@code polyval(polyfit(critical, log(sig), 2), x)}: least squares by QR on the Vandermonde matrix. */
    private static double quadraticFit(double[] critical, double x) {
        double[][] vandermonde = new double[critical.length][];
        double[] logs = new double[critical.length];
        for (int i = 0; i < critical.length; i++) {
            vandermonde[i] = new double[] {critical[i] * critical[i], critical[i], 1};
            logs[i] = Math.log(SIGNIFICANCE[i]);
        }
        RealVector coefficients = new QRDecomposition(new Array2DRowRealMatrix(vandermonde, false)).getSolver()
                .solve(new ArrayRealVector(logs, false));
        return (coefficients.getEntry(0) * x + coefficients.getEntry(1)) * x + coefficients.getEntry(2);
    }

    private static double[] merge(double[] a, double[] b) {
        double[] merged = new double[a.length + b.length];
        int i = 0;
        int j = 0;
        for (int k = 0; k < merged.length; k++) {
            merged[k] = j == b.length || i < a.length && a[i] <= b[j] ? a[i++] : b[j++];
        }
        return merged;
    }
}
