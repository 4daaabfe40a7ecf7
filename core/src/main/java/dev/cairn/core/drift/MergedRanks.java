package dev.cairn.core.drift;

/**
 * Average ranks (scipy's {@code rankdata(method='average')}) of two sorted samples within their union, with the tie
 * group sizes: what the rank tests need, from one merge pass instead of a sort of the concatenation.
 */
record MergedRanks(double[] reference, double[] current, long tieTerm, boolean ties) {

    static MergedRanks of(double[] a, double[] b) {
        double[] rankA = new double[a.length];
        double[] rankB = new double[b.length];
        int i = 0;
        int j = 0;
        long below = 0;
        long tieTerm = 0;
        boolean ties = false;
        while (i < a.length || j < b.length) {
            double next = j == b.length || i < a.length && a[i] <= b[j] ? a[i] : b[j];
            int startA = i;
            int startB = j;
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
            long group = (i - startA) + (j - startB);
            double rank = below + (group + 1) / 2.0;
            java.util.Arrays.fill(rankA, startA, i, rank);
            java.util.Arrays.fill(rankB, startB, j, rank);
            tieTerm += group * group * group - group;
            ties |= group > 1;
            below += group;
        }
        return new MergedRanks(rankA, rankB, tieTerm, ties);
    }
}
