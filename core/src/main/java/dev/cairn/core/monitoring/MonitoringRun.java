package dev.cairn.core.monitoring;

import dev.cairn.core.drift.ColumnType;
import dev.cairn.core.drift.ColumnTyping;
import dev.cairn.core.drift.CsvTable;
import dev.cairn.core.drift.DriftAnalysis;
import dev.cairn.core.drift.DriftReport;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the drift of a source's predictions window by window against a reference table, each window typed with the
 * reference and tested as {@code cairn drift} tests two files. Columns only one side has are left out.
 */
public final class MonitoringRun {

    private MonitoringRun() {
    }

    /**
     * Compares every window of {@code predictions} (oldest first) with {@code reference}.
     *
     * @throws MonitoringException when there is nothing to compare: no predictions, or no column in common
     */
    public static MonitoringResult run(String source, List<LoggedPrediction> predictions, CsvTable reference,
            MonitoringSettings settings, ProgressListener progress, Cancellation cancellation) {
        if (predictions.isEmpty()) {
            throw new MonitoringException("No predictions are stored for " + source + "; pull its log first "
                    + "('cairn monitor pull URL')");
        }
        progress.progress(-1, -1, "Reading " + predictions.size() + " predictions");
        PredictionTable table = PredictionTable.of(predictions, reference.header());
        List<String> compared = reference.header().stream().filter(table.columns()::contains).toList();
        List<String> ignored = table.columns().stream().filter(column -> !reference.header().contains(column))
                .toList();
        if (compared.isEmpty()) {
            throw new MonitoringException("None of the columns of " + reference.name() + " (" + String.join(", ",
                    reference.header()) + ") is in the predictions of " + source + " (" + String.join(", ",
                    table.columns()) + "); name the reference's columns as the predictions' columns");
        }
        for (String column : settings.alertColumns()) {
            if (!compared.contains(column)) {
                throw new MonitoringException("The alert column '" + column + "' is not compared (compared: "
                        + String.join(", ", compared) + ")");
            }
        }
        Map<String, ColumnType> types = new HashMap<>(settings.columnTypes());
        table.labelColumns().stream().filter(compared::contains)
                .forEach(label -> types.putIfAbsent(label, ColumnType.CATEGORICAL));
        List<Windowing.Span> spans = settings.windowing().spans(table);
        List<WindowDrift> windows = new ArrayList<>();
        for (Windowing.Span span : spans) {
            cancellation.throwIfCancelled();
            progress.progress(windows.size(), spans.size(), "Testing window " + (windows.size() + 1) + " of "
                    + spans.size());
            windows.add(new WindowDrift(span, span.rows() < settings.minRows() ? null
                    : compare(table, span, reference, compared, types, settings, cancellation)));
        }
        progress.progress(spans.size(), spans.size(), "Done");
        return new MonitoringResult(source, reference.name(), reference.sha256(), settings.windowing(), windows,
                compared, ignored, predictions.size(), table.rows(), table.skippedTensors());
    }

    /** One window against the reference, on the compared columns it has values for; null when it has none. */
    private static DriftReport compare(PredictionTable table, Windowing.Span span, CsvTable reference,
            List<String> compared, Map<String, ColumnType> types, MonitoringSettings settings,
            Cancellation cancellation) {
        List<String> present = compared.stream().filter(c -> table.hasValues(c, span.from(), span.to())).toList();
        if (present.isEmpty()) {
            return null;
        }
        Set<String> excluded = new LinkedHashSet<>(reference.header());
        present.forEach(excluded::remove);
        Map<String, ColumnType> windowTypes = new HashMap<>(types);
        windowTypes.keySet().retainAll(present);
        CsvTable current = table.slice("window " + span.key(), present, span.from(), span.to());
        ColumnTyping.Pair pair = ColumnTyping.type(reference, current, windowTypes, excluded);
        return DriftAnalysis.compare(pair, settings.options(), ProgressListener.NONE, cancellation);
    }
}
