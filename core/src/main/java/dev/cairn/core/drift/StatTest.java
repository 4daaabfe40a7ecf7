package dev.cairn.core.drift;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Evidently's statistical tests, with its names, default thresholds and drift rules: p-value tests drift when the
 * p-value is below the threshold (K-S and Cramér-von Mises: at or below), distances when at or above it.
 */
public enum StatTest implements ColumnTest {
    KS("ks", "K-S p_value", 0.05, Rule.P_AT_OR_BELOW, EnumSet.of(ColumnType.NUMERICAL)),
    CHISQUARE("chisquare", "chi-square p_value", 0.05, Rule.P_BELOW, EnumSet.of(ColumnType.CATEGORICAL)),
    Z("z", "Z-test p_value", 0.05, Rule.P_BELOW, EnumSet.of(ColumnType.CATEGORICAL)),
    WASSERSTEIN("wasserstein", "Wasserstein distance (normed)", 0.1, Rule.AT_OR_ABOVE, EnumSet.of(ColumnType.NUMERICAL)),
    PSI("psi", "PSI", 0.1, Rule.AT_OR_ABOVE, EnumSet.allOf(ColumnType.class)),
    KL_DIV("kl_div", "Kullback-Leibler divergence", 0.1, Rule.AT_OR_ABOVE, EnumSet.allOf(ColumnType.class)),
    JENSENSHANNON("jensenshannon", "Jensen-Shannon distance", 0.1, Rule.AT_OR_ABOVE, EnumSet.allOf(ColumnType.class)),
    HELLINGER("hellinger", "Hellinger distance", 0.1, Rule.AT_OR_ABOVE, EnumSet.allOf(ColumnType.class)),
    ANDERSON("anderson", "Anderson-Darling p_value", 0.1, Rule.P_BELOW, EnumSet.of(ColumnType.NUMERICAL)),
    CRAMER_VON_MISES("cramer_von_mises", "Cramer-von Mises p_value", 0.1, Rule.P_AT_OR_BELOW,
            EnumSet.of(ColumnType.NUMERICAL)),
    MANNW("mannw", "Mann-Whitney U-rank test p_value", 0.05, Rule.P_BELOW, EnumSet.of(ColumnType.NUMERICAL)),
    FISHER_EXACT("fisher_exact", "Fisher's Exact test p_value", 0.1, Rule.P_BELOW, EnumSet.of(ColumnType.CATEGORICAL)),
    TVD("TVD", "Total-Variation-Distance p_value", 0.1, Rule.P_BELOW, EnumSet.of(ColumnType.CATEGORICAL));

    /** When a score means drift. */
    public enum Rule {
        P_BELOW, P_AT_OR_BELOW, AT_OR_ABOVE;

        public boolean isPValue() {
            return this != AT_OR_ABOVE;
        }
    }

    /** Above this many reference values Evidently's defaults switch from hypothesis tests to distances. */
    static final int SMALL_SAMPLE = 1000;
    /** At most this many distinct values make a numerical column count as categorical for the default test. */
    static final int FEW_VALUES = 5;

    private final String id;
    private final String displayName;
    private final double defaultThreshold;
    private final Rule rule;
    private final Set<ColumnType> columnTypes;

    StatTest(String id, String displayName, double defaultThreshold, Rule rule, Set<ColumnType> columnTypes) {
        this.id = id;
        this.displayName = displayName;
        this.defaultThreshold = defaultThreshold;
        this.rule = rule;
        this.columnTypes = columnTypes;
    }

    /** Evidently's name for the test ({@code ks}, {@code wasserstein}, ...). */
    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public double defaultThreshold() {
        return defaultThreshold;
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public boolean appliesTo(ColumnType type) {
        return columnTypes.contains(type);
    }

    /**
     * Evidently's default ({@code _get_default_stattest}): the reference size decides between hypothesis tests and
     * distances; few distinct values (reference and current together) make a numerical column categorical.
     */
    public static StatTest defaultFor(ColumnType type, int referenceSize, int distinctValues) {
        boolean fewValues = type == ColumnType.CATEGORICAL || distinctValues <= FEW_VALUES;
        if (referenceSize <= SMALL_SAMPLE) {
            return !fewValues ? KS : distinctValues > 2 ? CHISQUARE : Z;
        }
        return fewValues ? JENSENSHANNON : WASSERSTEIN;
    }

    TestOutcome apply(ColumnSample column) {
        return switch (this) {
            case KS -> KolmogorovSmirnov.test(column.numeric());
            case CHISQUARE -> CategoricalTests.chiSquare(column.counts());
            case Z -> CategoricalTests.zTest(column.counts());
            case WASSERSTEIN -> Wasserstein.test(column.numeric());
            case PSI -> BinnedTests.psi(column);
            case KL_DIV -> BinnedTests.klDivergence(column);
            case JENSENSHANNON -> BinnedTests.jensenShannon(column);
            case HELLINGER -> BinnedTests.hellinger(column);
            case ANDERSON -> AndersonDarling.test(column.numeric());
            case CRAMER_VON_MISES -> RankTests.cramerVonMises(column.numeric());
            case MANNW -> RankTests.mannWhitney(column.numeric());
            case FISHER_EXACT -> CategoricalTests.fisherExact(column.counts());
            case TVD -> TotalVariation.test(column.counts());
        };
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
