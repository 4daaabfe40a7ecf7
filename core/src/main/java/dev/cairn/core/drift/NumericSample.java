package dev.cairn.core.drift;

import java.util.Arrays;

/**
 * A numerical column's reference and current values, sorted once, with NaN and ±inf dropped as Evidently drops them.
 * Every numerical test reads these arrays; none sorts again. {@code integral}: both columns were integer columns.
 */
record NumericSample(double[] reference, double[] current, boolean integral) {

    static NumericSample of(Column.Numerical reference, Column.Numerical current) {
        return new NumericSample(sortedFinite(reference.values()), sortedFinite(current.values()),
                reference.integral() && current.integral());
    }

    private static double[] sortedFinite(double[] values) {
        double[] finite = new double[values.length];
        int n = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                finite[n++] = value;
            }
        }
        double[] sorted = n == values.length ? finite : Arrays.copyOf(finite, n);
        DoubleSort.sort(sorted);
        return sorted;
    }

    /** Distinct values of reference and current together. */
    int distinctValues() {
        double[] a = reference;
        double[] b = current;
        int i = 0;
        int j = 0;
        int distinct = 0;
        while (i < a.length || j < b.length) {
            double next = j == b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            distinct++;
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
        }
        return distinct;
    }

    /** Distinct values of a sorted array. */
    static int distinct(double[] sorted) {
        int distinct = sorted.length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.length; i++) {
            distinct += sorted[i] != sorted[i - 1] ? 1 : 0;
        }
        return distinct;
    }

    /** Number of values {@code <= x} (numpy's searchsorted side='right'). */
    static int countAtOrBelow(double[] sorted, double x) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Number of values {@code < x} (numpy's searchsorted side='left'). */
    static int countBelow(double[] sorted, double x) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Population standard deviation (numpy's default ddof=0), as Evidently normalises Wasserstein by. */
    static double populationStd(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
    }
}
