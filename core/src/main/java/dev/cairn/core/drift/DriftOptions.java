package dev.cairn.core.drift;

import java.util.Map;

/**
 * What a drift comparison uses beyond Evidently's defaults: a test or threshold per column, and the share of drifted
 * columns at which the dataset counts as drifted (Evidently's {@code drift_share}, 0.5).
 */
public record DriftOptions(Map<String, ColumnTest> columnTests, Map<String, Double> thresholds, double driftShare) {

    public static final double DEFAULT_DRIFT_SHARE = 0.5;

    public DriftOptions {
        columnTests = Map.copyOf(columnTests);
        thresholds = Map.copyOf(thresholds);
        if (!(driftShare > 0 && driftShare <= 1)) {
            throw new DatasetException("The drift share must be above 0 and at most 1, not " + driftShare);
        }
    }

    public static DriftOptions defaults() {
        return new DriftOptions(Map.of(), Map.of(), DEFAULT_DRIFT_SHARE);
    }
}
