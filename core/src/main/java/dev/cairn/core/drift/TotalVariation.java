package dev.cairn.core.drift;

import org.apache.commons.math3.random.MersenneTwister;

/**
 * Evidently's total variation distance test: TVD = ½ Σ |r − c| over value shares, and a permutation p-value from 1000
 * shuffles of the pooled rows. The shuffles replay numpy's legacy generator as Evidently seeds it
 * ({@code np.random.seed(0)}, {@code choice(replace=False)} = Fisher-Yates with masked rejection sampling on MT19937),
 * so the p-value is Evidently's too.
 */
final class TotalVariation {

    private static final int PERMUTATIONS = 1000;

    private TotalVariation() {
    }

    static TestOutcome test(CategoryCounts counts) {
        double observed = distance(counts.reference(), counts.current());
        int[] pooled = new int[counts.referenceCodes().length + counts.currentCodes().length];
        System.arraycopy(counts.referenceCodes(), 0, pooled, 0, counts.referenceCodes().length);
        System.arraycopy(counts.currentCodes(), 0, pooled, counts.referenceCodes().length, counts.currentCodes().length);
        MersenneTwister random = new MersenneTwister(0);
        int[] order = new int[pooled.length];
        long[] reference = new long[counts.size()];
        long[] current = new long[counts.size()];
        int atLeastAsFar = 0;
        for (int round = 0; round < PERMUTATIONS; round++) {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = interval(random, i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            java.util.Arrays.fill(reference, 0);
            java.util.Arrays.fill(current, 0);
            int referenceSize = counts.referenceCodes().length;
            for (int i = 0; i < order.length; i++) {
                (i < referenceSize ? reference : current)[pooled[order[i]]]++;
            }
            atLeastAsFar += observed <= distance(reference, current) ? 1 : 0;
        }
        return new TestOutcome(observed, (double) atLeastAsFar / PERMUTATIONS);
    }

    static double distance(long[] reference, long[] current) {
        double referenceTotal = 0;
        double currentTotal = 0;
        for (int i = 0; i < reference.length; i++) {
            referenceTotal += reference[i];
            currentTotal += current[i];
        }
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            sum += Math.abs(reference[i] / referenceTotal - current[i] / currentTotal);
        }
        return 0.5 * sum;
    }

    /** numpy's legacy {@code random_interval(max)}: the smallest all-ones mask covering max, rejecting draws above it. */
    private static int interval(MersenneTwister random, int max) {
        int mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        int value;
        do {
            value = random.nextInt() & mask;
        } while (value > max);
        return value;
    }
}
