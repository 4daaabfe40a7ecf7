package dev.cairn.core.drift;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.special.Gamma;

/** Evidently's tests on category counts: chi-square, Z-test for proportions and Fisher's exact test. */
final class CategoricalTests {

    private CategoricalTests() {
    }

    /**
     * Chi-square goodness of fit of the current counts to the reference counts scaled to the current size. A category
     * the reference lacks expects 0, so the statistic is infinite and p is 0, as scipy gives. The p-value is the
     * regularised upper gamma function, which keeps tiny p-values (Commons Math's chiSquareTest rounds them to 0).
     */
    static TestOutcome chiSquare(CategoryCounts counts) {
        double scale = (double) counts.currentTotal() / counts.referenceTotal();
        double statistic = 0;
        for (int k = 0; k < counts.size(); k++) {
            double expected = counts.reference()[k] * scale;
            double difference = counts.current()[k] - expected;
            statistic += difference * difference / expected;
        }
        int df = counts.size() - 1;
        double p = Double.isInfinite(statistic) ? 0 : Gamma.regularizedGammaQ(df / 2.0, statistic / 2);
        return new TestOutcome(statistic, p);
    }

    /** Pooled two-proportion Z-test of "first key" against the rest, p = 2(1 − Φ(|z|)) literally, as Evidently. */
    static TestOutcome zTest(CategoryCounts counts) {
        if (counts.size() == 1) {
            return new TestOutcome(0, 1);
        }
        double n1 = counts.referenceTotal();
        double n2 = counts.currentTotal();
        double p1 = (n1 - counts.reference()[0]) / n1;
        double p2 = (n2 - counts.current()[0]) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return new TestOutcome(z, 2 * (1 - NormalCdf.cdf(Math.abs(z))));
    }

    /**
     * Fisher's exact test on the 2x2 table [[current not first key, current first key], [reference ..., ...]],
     * two-sided as scipy's {@code fisher_exact}: the probability of tables no likelier than the observed one (with
     * scipy's relative tolerance 1e-14). Evidently also demands equal sample sizes, which the table does not need;
     * Cairn does not. The statistic is the odds ratio.
     */
    static TestOutcome fisherExact(CategoryCounts counts) {
        if (counts.size() > 2) {
            throw new DatasetException("fisher_exact needs a column with at most 2 values; this one has " + counts.size());
        }
        long refFirst = counts.reference()[0];
        long curFirst = counts.current()[0];
        long a = counts.currentTotal() - curFirst;
        long b = curFirst;
        long c = counts.referenceTotal() - refFirst;
        long d = refFirst;
        if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0) {
            return new TestOutcome(Double.NaN, 1);
        }
        double oddsRatio = c > 0 && b > 0 ? (double) (a * d) / (c * b) : Double.POSITIVE_INFINITY;
        int n1 = (int) (a + b);
        int population = (int) (a + b + c + d);
        int n = (int) (a + c);
        HypergeometricDistribution hypergeometric = new HypergeometricDistribution(null, population, n1, n);
        int observed = (int) a;
        double exact = hypergeometric.probability(observed);
        int mode = (int) ((double) (n + 1) * (n1 + 1) / (population + 2));
        double modal = hypergeometric.probability(mode);
        if (Math.abs(exact - modal) / Math.max(exact, modal) <= 1e-14) {
            return new TestOutcome(oddsRatio, 1);
        }
        double limit = exact * (1 + 1e-14);
        int low = hypergeometric.getSupportLowerBound();
        int high = hypergeometric.getSupportUpperBound();
        double p = 0;
        for (int x = low; x <= high; x++) {
            boolean sameSide = observed < mode ? x <= observed : x >= observed;
            double probability = hypergeometric.probability(x);
            if (sameSide || (observed < mode ? x > mode : x < mode) && probability <= limit) {
                p += probability;
            }
        }
        return new TestOutcome(oddsRatio, Math.min(p, 1));
    }
}
