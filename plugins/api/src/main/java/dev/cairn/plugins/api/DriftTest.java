package dev.cairn.plugins.api;

import java.util.List;

/**
 * A statistical test that decides whether a column drifted between a reference dataset and a current one. Cairn
 * offers it beside its built-in tests (Evidently's) in the Drift section's Test column and in
 * {@code cairn drift --column-test COLUMN=ID}; reports name it by {@link #id()}.
 *
 * <p>A test takes numerical columns, categorical columns or both, and says which by {@link #numerical()} and
 * {@link #categorical()}; Cairn calls only the method of a kind the test takes. Cairn never picks a plugin's test on
 * its own: the user chooses it for a column.
 */
public interface DriftTest {

    /** How {@link Result#score()} is compared with the threshold. */
    enum Kind {
        /** The score is a p-value: the column drifted when it is below the threshold. */
        P_VALUE,
        /** The score is a distance: the column drifted when it is at or above the threshold. */
        DISTANCE
    }

    /**
     * What a test found.
     *
     * @param statistic the test's statistic, shown beside the score (the distance itself for a distance)
     * @param score the p-value or distance compared with the threshold, as {@link #kind()} says; finite
     */
    record Result(double statistic, double score) {

        /** A distance: its statistic is its score. */
        public static Result distance(double value) {
            return new Result(value, value);
        }
    }

    /**
     * The name users type and reports keep: lower case letters, digits and underscores, unique among tests (a name
     * Cairn's built-in tests use already, such as {@code ks} or {@code psi}, makes Cairn ignore this test).
     */
    String id();

    /** What the report calls the score, such as {@code "Energy distance"}. */
    String displayName();

    /** The threshold used unless the user sets one. */
    double defaultThreshold();

    Kind kind();

    /** Whether {@link #testNumerical} may be called. */
    default boolean numerical() {
        return false;
    }

    /** Whether {@link #testCategorical} may be called. */
    default boolean categorical() {
        return false;
    }

    /**
     * Tests a numerical column.
     *
     * @param reference the reference column's finite values, sorted ascending, at least one; not to be changed
     * @param current the current column's finite values, sorted ascending, at least one; not to be changed
     */
    default Result testNumerical(double[] reference, double[] current) {
        throw new UnsupportedOperationException(id() + " does not test numerical columns");
    }

    /**
     * Tests a categorical column from its counts per category.
     *
     * @param categories every category seen in either dataset, in a fixed order
     * @param reference how often each category occurs in the reference, in the order of {@code categories}
     * @param current how often each category occurs in the current dataset, in the same order
     */
    default Result testCategorical(List<String> categories, long[] reference, long[] current) {
        throw new UnsupportedOperationException(id() + " does not test categorical columns");
    }
}
