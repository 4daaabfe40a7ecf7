package dev.cairn.core.monitoring;

import dev.cairn.core.drift.ColumnType;
import dev.cairn.core.drift.DriftOptions;
import java.util.Map;
import java.util.Set;

/**
 * How a source's predictions are compared with the reference.
 *
 * @param minRows windows with fewer rows are marked too small instead of tested (30 by default: below that the
 *     tests' p-values swing with a few rows)
 * @param columnTypes a type per column instead of the detected one, as {@code cairn drift --column-type}
 * @param alertColumns columns whose drift alone raises an alert, besides dataset drift
 */
public record MonitoringSettings(Windowing windowing, int minRows, DriftOptions options,
        Map<String, ColumnType> columnTypes, Set<String> alertColumns) {

    public static final int DEFAULT_MIN_ROWS = 30;

    public MonitoringSettings {
        if (minRows < 1) {
            throw new MonitoringException("The minimum rows per window must be at least 1, not " + minRows);
        }
        columnTypes = Map.copyOf(columnTypes);
        alertColumns = Set.copyOf(alertColumns);
    }

    /** Evidently's defaults, windows of {@code windowing}, at least 30 rows, alerts on dataset drift only. */
    public static MonitoringSettings of(Windowing windowing) {
        return new MonitoringSettings(windowing, DEFAULT_MIN_ROWS, DriftOptions.defaults(), Map.of(), Set.of());
    }
}
