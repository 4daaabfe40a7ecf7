package dev.cairn.core.drift;

/**
 * numpy's histogram arithmetic on sorted samples: {@code histogram_bin_edges(values, bins="sturges")} and
 * {@code histogram(values, edges)} (bins half-open, the last one closed), reproduced to the last bit so the binned
 * tests agree with Evidently.
 */
final class Histogram {

    private Histogram() {
    }

    /** Sturges edges of the values of all the given sorted arrays together (their min, max and total size). */
    static double[] sturgesEdges(boolean integral, double[]... sorted) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long size = 0;
        for (double[] values : sorted) {
            if (values.length > 0) {
                min = Math.min(min, values[0]);
                max = Math.max(max, values[values.length - 1]);
                size += values.length;
            }
        }
        return sturgesEdges(min, max, size, integral);
    }

    /** {@code integral}: numpy widens bins of integer data to at least 1. */
    static double[] sturgesEdges(double min, double max, long size, boolean integral) {
        double width = (max - min) / (Math.log(size) / Math.log(2) + 1.0);
        if (integral && width != 0 && width < 1) {
            width = 1;
        }
        double first = min;
        double last = max;
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        int bins = width != 0 ? (int) Math.ceil((last - first) / width) : 1;
        return linspace(first, last, bins + 1);
    }

    /** numpy's linspace: start + i·step, the last point exactly {@code stop}. */
    private static double[] linspace(double start, double stop, int points) {
        double step = (stop - start) / (points - 1);
        double[] edges = new double[points];
        for (int i = 0; i < points; i++) {
            edges[i] = i * step + start;
        }
        edges[points - 1] = stop;
        return edges;
    }

    /** Counts of a sorted sample in each bin. */
    static long[] counts(double[] sorted, double[] edges) {
        long[] counts = new long[edges.length - 1];
        int previous = NumericSample.countBelow(sorted, edges[0]);
        for (int i = 1; i < edges.length; i++) {
            int upTo = i == edges.length - 1 ? NumericSample.countAtOrBelow(sorted, edges[i])
                    : NumericSample.countBelow(sorted, edges[i]);
            counts[i - 1] = upTo - previous;
            previous = upTo;
        }
        return counts;
    }
}
