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

    private final TrackingServices tracking;
    private final TaskExecutor tasks;
    private final ObservableList<Run> runs = FXCollections.observableArrayList();
    private final ObservableList<ParamRow> params = FXCollections.observableArrayList();
    private final ObservableList<MetricOverlay> metrics = FXCollections.observableArrayList();
    private final BooleanProperty onlyDifferences = new SimpleBooleanProperty(true);
    private final BooleanProperty loading = new SimpleBooleanProperty();
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

    public BooleanProperty loading() {
        return loading;
    }
}
