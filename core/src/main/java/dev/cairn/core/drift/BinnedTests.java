package dev.cairn.core.drift;

/**
 * The tests Evidently computes on proportions per bin ({@code get_binned_data}): PSI, Kullback-Leibler and
 * Jensen-Shannon, plus its Hellinger distance, which bins differently.
 */
final class BinnedTests {

    /** Above this many unique reference values a numerical column is binned by Sturges' rule, else one bin per value. */
    private static final int MAX_VALUES_AS_BINS = 20;

    private BinnedTests() {
    }

    /** Reference and current proportions per bin; {@code fillZeroes} as PSI and KL need (Jensen-Shannon does not). */
    static double[][] proportions(ColumnSample column, boolean fillZeroes) {
        double[] reference;
        double[] current;
        NumericSample sample = column.numeric();
        if (sample != null && NumericSample.distinct(sample.reference()) > MAX_VALUES_AS_BINS) {
            // Evidently ignores its n_bins argument: the edges come from reference and current together.
            double[] edges = Histogram.sturgesEdges(sample.integral(), sample.reference(), sample.current());
            reference = shares(Histogram.counts(sample.reference(), edges), sample.reference().length);
            current = shares(Histogram.counts(sample.current(), edges), sample.current().length);
        } else {
            CategoryCounts counts = column.counts();
            reference = shares(counts.reference(), counts.referenceTotal());
            current = shares(counts.current(), counts.currentTotal());
        }
        if (fillZeroes) {
            fillZeroes(reference);
            fillZeroes(current);
        }
        return new double[][] {reference, current};
    }

    static TestOutcome psi(ColumnSample column) {
        double[][] p = proportions(column, true);
        double psi = 0;
        for (int i = 0; i < p[0].length; i++) {
            psi += (p[0][i] - p[1][i]) * Math.log(p[0][i] / p[1][i]);
        }
        return TestOutcome.distance(psi);
    }

    /** scipy's {@code entropy(reference, current)}: both renormalised, natural log. */
    static TestOutcome klDivergence(ColumnSample column) {
        double[][] p = proportions(column, true);
        double[] reference = normalised(p[0]);
        double[] current = normalised(p[1]);
        double kl = 0;
        for (int i = 0; i < reference.length; i++) {
            kl += relativeEntropy(reference[i], current[i]);
        }
        return TestOutcome.distance(kl);
    }

    /** scipy's {@code distance.jensenshannon} with natural log: the square root of the divergence, at most √ln2. */
    static TestOutcome jensenShannon(ColumnSample column) {
        double[][] p = proportions(column, false);
        double[] reference = normalised(p[0]);
        double[] current = normalised(p[1]);
        double left = 0;
        double right = 0;
        for (int i = 0; i < reference.length; i++) {
            double middle = (reference[i] + current[i]) / 2.0;
            left += relativeEntropy(reference[i], middle);
            right += relativeEntropy(current[i], middle);
        }
        return TestOutcome.distance(Math.sqrt((left + right) / 2.0));
    }

    /**
     * Evidently's Hellinger distance: for categories from value shares; for numbers from numpy density histograms
     * on Sturges edges of the <em>unique</em> values of both samples, times a common bin width.
     */
    static TestOutcome hellinger(ColumnSample column) {
        double overlap = 0;
        NumericSample sample = column.numeric();
        if (sample == null) {
            CategoryCounts counts = column.counts();
            for (int i = 0; i < counts.size(); i++) {
                overlap += Math.sqrt(((double) counts.reference()[i] / counts.referenceTotal())
                        * ((double) counts.current()[i] / counts.currentTotal()));
            }
        } else {
            double[] edges = uniqueValueEdges(sample);
            double[] reference = density(Histogram.counts(sample.reference(), edges), edges);
            double[] current = density(Histogram.counts(sample.current(), edges), edges);
            double width = (edges[edges.length - 1] - edges[0]) / (edges.length - 1);
            for (int i = 0; i < reference.length; i++) {
                overlap += Math.sqrt(reference[i] * current[i]) * width;
            }
        }
        return TestOutcome.distance(Math.sqrt(1 - Math.min(Math.max(overlap, 0), 1)));
    }

    private static double[] uniqueValueEdges(NumericSample sample) {
        int unique = sample.distinctValues();
        double min = Math.min(sample.reference()[0], sample.current()[0]);
        double max = Math.max(sample.reference()[sample.reference().length - 1],
                sample.current()[sample.current().length - 1]);
        return Histogram.sturgesEdges(min, max, unique, sample.integral());
    }

    /** numpy's {@code density=True}: count / bin width / total count. */
    private static double[] density(long[] counts, double[] edges) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double[] density = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            density[i] = counts[i] / (edges[i + 1] - edges[i]) / total;
        }
        return density;
    }

    /** scipy's {@code rel_entr}: x·ln(x/y), 0 when x is 0. */
    private static double relativeEntropy(double x, double y) {
        if (x == 0 && y >= 0) {
            return 0;
        }
        return x > 0 && y > 0 ? x * Math.log(x / y) : Double.POSITIVE_INFINITY;
    }

    static double[] shares(long[] counts, long total) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }

    /** Evidently's fill: zeros become 1e-4, or the smallest non-zero share / 1e6 when that is at most 1e-4. */
    private static void fillZeroes(double[] shares) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double share : shares) {
            if (share != 0) {
                smallest = Math.min(smallest, share);
            }
        }
        double fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        for (int i = 0; i < shares.length; i++) {
            if (shares[i] == 0) {
                shares[i] = fill;
            }
        }
    }

    private static double[] normalised(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double[] normalised = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            normalised[i] = values[i] / sum;
        }
        return normalised;
    }
}
