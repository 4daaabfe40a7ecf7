package dev.cairn.app.tracking;

import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.MetricSeries;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.TrackingServices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Two or more runs side by side: their params as a diff table and each metric overlaid, one line per run. */
public final class CompareViewModel {

    /** One param across the compared runs; {@code differs} when not every run has the same value. */
    public record ParamRow(String key, List<String> values, boolean differs) {
    }

    /** One metric's history in every compared run that logged it, in run order (missing runs are absent). */
    public record MetricOverlay(String key, Map<Run, MetricSeries> byRun) {
    }

    private record Loaded(List<Run> runs, List<MetricOverlay> metrics) {
    }

    /**
     * A number every compared run may have, for the scatter and parallel-coordinates plots: a param whose values
     * all read as numbers, or a metric's last value, min or max.
     *
     * @param values one per run, in run order; NaN where the run has none
     */
    public record Dimension(String label, double[] values) {

        @Override
        public String toString() {
            return label;
        }
    }

    private final TrackingServices tracking;
    private final TaskExecutor tasks;
    private final ObservableList<Run> runs = FXCollections.observableArrayList();
    private final ObservableList<ParamRow> params = FXCollections.observableArrayList();
    private final ObservableList<MetricOverlay> metrics = FXCollections.observableArrayList();
    private final BooleanProperty onlyDifferences = new SimpleBooleanProperty(true);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObservableList<Dimension> dimensions = FXCollections.observableArrayList();
    private List<ParamRow> allParams = List.of();

    public CompareViewModel(TrackingServices tracking, TaskExecutor tasks) {
        this.tracking = tracking;
        this.tasks = tasks;
        onlyDifferences.addListener((o, old, only) -> filterParams());
    }

    /** Loads the runs and the full history of every metric any of them logged. */
    public void open(List<String> runIds) {
        tasks.execute(BackgroundTask.of("Comparing " + runIds.size() + " runs", (progress, cancellation) -> {
            List<Run> loaded = new ArrayList<>();
            for (String runId : runIds) {
                loaded.add(tracking.runs().get(runId));
            }
            TreeSet<String> keys = new TreeSet<>();
            loaded.forEach(run -> run.latestMetrics().stream().map(Metric::key).forEach(keys::add));
            List<MetricOverlay> overlays = new ArrayList<>();
            int done = 0;
            for (String key : keys) {
                cancellation.throwIfCancelled();
                progress.progress(done++, keys.size(), "Reading " + key);
                Map<Run, MetricSeries> byRun = new LinkedHashMap<>();
                for (Run run : loaded) {
                    if (run.latestMetrics().stream().anyMatch(m -> m.key().equals(key))) {
                        byRun.put(run, tracking.log().series(run.info().runId(), key));
                    }
                }
                overlays.add(new MetricOverlay(key, byRun));
            }
            return new Loaded(loaded, overlays);
        }).busy(loading).onSuccess(loaded -> {
            runs.setAll(loaded.runs());
            allParams = paramRows(loaded.runs());
            filterParams();
            metrics.setAll(loaded.metrics());
            dimensions.setAll(dimensions(loaded.runs()));
        }));
    }

    static List<ParamRow> paramRows(List<Run> runs) {
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(run -> keys.addAll(run.params().keySet()));
        List<ParamRow> rows = new ArrayList<>();
        for (String key : keys) {
            List<String> values = runs.stream().map(run -> run.params().get(key)).toList();
            boolean differs = values.stream().distinct().count() > 1 || values.stream().anyMatch(Objects::isNull);
            rows.add(new ParamRow(key, values, differs));
        }
        return rows;
    }

    /**
     * The numeric params first (those that differ between the runs, then the rest), then each metric's last value,
     * min and max. A param with any value that is not a number is left out: it has no place on a numeric axis.
     */
    static List<Dimension> dimensions(List<Run> runs) {
        List<Dimension> differing = new ArrayList<>();
        List<Dimension> same = new ArrayList<>();
        for (ParamRow row : paramRows(runs)) {
            double[] values = new double[runs.size()];
            boolean numeric = true;
            for (int i = 0; i < values.length && numeric; i++) {
                String text = row.values().get(i);
                if (text == null) {
                    values[i] = Double.NaN;
                    continue;
                }
                try {
                    values[i] = Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
            if (numeric) {
                (row.differs() ? differing : same).add(new Dimension("param " + row.key(), values));
            }
        }
        List<Dimension> all = new ArrayList<>(differing);
        all.addAll(same);
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(run -> run.latestMetrics().forEach(metric -> keys.add(metric.key())));
        for (String key : keys) {
            all.add(new Dimension(key, runs.stream().mapToDouble(run -> run.latestMetrics().stream()
                    .filter(m -> m.key().equals(key)).mapToDouble(Metric::value).findFirst().orElse(Double.NaN))
                    .toArray()));
            all.add(new Dimension(key + " (min)", runs.stream().mapToDouble(run -> range(run, key, true)).toArray()));
            all.add(new Dimension(key + " (max)", runs.stream().mapToDouble(run -> range(run, key, false)).toArray()));
        }
        return all;
    }

    private static double range(Run run, String key, boolean min) {
        dev.cairn.core.tracking.MetricRange range = run.metricRanges().get(key);
        return range == null || range.minStep() < 0 ? Double.NaN : min ? range.min() : range.max();
    }

    private void filterParams() {
        params.setAll(allParams.stream().filter(row -> !onlyDifferences.get() || row.differs()).toList());
    }

    public ObservableList<Run> runs() {
        return runs;
    }

    public ObservableList<ParamRow> params() {
        return params;
    }

    public ObservableList<MetricOverlay> metrics() {
        return metrics;
    }

    public BooleanProperty onlyDifferences() {
        return onlyDifferences;
    }

    /** The numbers the runs can be plotted by (params that are numbers, metrics), once loaded. */
    public ObservableList<Dimension> dimensions() {
        return dimensions;
    }

    public BooleanProperty loading() {
        return loading;
    }
}
