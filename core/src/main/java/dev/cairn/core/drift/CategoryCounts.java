package dev.cairn.core.drift;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each value occurs in reference and current, over the union of their values (missing values dropped),
 * keys in sorted order. The categorical tests work on these counts; {@code referenceCodes}/{@code currentCodes} keep
 * each row's key index for the permutation test.
 */
record CategoryCounts(List<String> labels, long[] reference, long[] current, int[] referenceCodes, int[] currentCodes) {

    long referenceTotal() {
        return sum(reference);
    }

    long currentTotal() {
        return sum(current);
    }

    int size() {
        return labels.size();
    }

    /** Counts of labels; numeric labels sort by value, others by text. */
    static CategoryCounts of(String[] reference, String[] current, boolean numericLabels) {
        Comparator<String> order = numericLabels ? Comparator.comparing(BigDecimal::new) : Comparator.naturalOrder();
        TreeMap<String, Integer> keys = new TreeMap<>(order);
        for (String[] side : List.of(reference, current)) {
            for (String value : side) {
                if (value != null) {
                    keys.putIfAbsent(value, 0);
                }
            }
        }
        List<String> labels = new ArrayList<>(keys.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        long[] referenceCounts = new long[labels.size()];
        long[] currentCounts = new long[labels.size()];
        return new CategoryCounts(labels, referenceCounts, currentCounts, codes(reference, index, referenceCounts),
                codes(current, index, currentCounts));
    }

    /** Counts of the distinct values of a numerical column (Evidently bins few-valued numbers one bin per value). */
    static CategoryCounts of(NumericSample sample) {
        double[] a = sample.reference();
        double[] b = sample.current();
        List<String> labels = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            double next = j == b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            long inReference = 0;
            long inCurrent = 0;
            while (i < a.length && a[i] == next) {
                i++;
                inReference++;
            }
            while (j < b.length && b[j] == next) {
                j++;
                inCurrent++;
            }
            labels.add(label(next));
            counts.add(new long[] {inReference, inCurrent});
        }
        long[] reference = new long[labels.size()];
        long[] current = new long[labels.size()];
        for (int k = 0; k < labels.size(); k++) {
            reference[k] = counts.get(k)[0];
            current[k] = counts.get(k)[1];
        }
        return new CategoryCounts(labels, reference, current, null, null);
    }

    private static int[] codes(String[] values, Map<String, Integer> index, long[] counts) {
        int[] codes = new int[values.length];
        int n = 0;
        for (String value : values) {
            if (value != null) {
                int code = index.get(value);
                counts[code]++;
                codes[n++] = code;
            }
        }
        return java.util.Arrays.copyOf(codes, n);
    }

    private static String label(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
