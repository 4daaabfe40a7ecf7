package dev.cairn.core.drift;

/**
 * The verdict on one column: the test applied, its statistic, the score compared with the threshold (a p-value or a
 * distance, as the test's rule says) and whether the column drifted.
 */
public record ColumnDrift(String column, ColumnType type, ColumnTest test, double statistic, double score,
        double threshold, boolean drifted, int referenceSize, int currentSize, int distinctValues, ColumnChart chart) {
}
