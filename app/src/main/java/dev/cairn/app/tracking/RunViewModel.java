package dev.cairn.app.tracking;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.tracking.MetricSeries;
import dev.cairn.core.tracking.Run;
import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One run's page: its fields, params, tags, description, and every metric's full history for the charts. */
public final class RunViewModel {

    /** The tag MLflow keeps a run's description in. */
    public static final String DESCRIPTION_TAG = "mlflow.note.content";

    /** The tag MLflow marks a nested run's parent with. */
    public static final String PARENT_TAG = "mlflow.parentRunId";

    // Children listed on the page; MLflow's own search caps a page at this size too.
    private static final int MAX_CHILDREN = 1000;

    /** Another run this page links to: the parent or a child. */
    public record RunLink(String runId, String name) {
    }

    private final TrackingServices tracking;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private dev.cairn.app.shell.UndoHistory undo;
    private final ObjectProperty<Run> run = new SimpleObjectProperty<>();
    private final ObservableList<MetricSeries> metrics = FXCollections.observableArrayList();
    private final StringProperty description = new SimpleStringProperty("");
    private final ObjectProperty<XAxisMode> xAxis = new SimpleObjectProperty<>(XAxisMode.STEP);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(0);
    private final BooleanProperty logScale = new SimpleBooleanProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObjectProperty<RunLink> parent = new SimpleObjectProperty<>();
    private final ObservableList<RunLink> children = FXCollections.observableArrayList();
    private final ObservableList<RunLoggedModels.Row> loggedModels = FXCollections.observableArrayList();
    private final ArtifactsViewModel artifacts;
    // While the run is RUNNING, new points are fetched every second and appended (live charts).
    private final javafx.animation.Timeline follow = new javafx.animation.Timeline(
            new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), event -> fetchNewPoints()));
    private boolean fetching;

    public RunViewModel(TrackingServices tracking, TaskExecutor tasks, Notifier notifier) {
        this(tracking, tasks, notifier, new DesktopFileOpener());
    }

    /** Leaves the way back of saved tag and description edits here, for Ctrl+Z; returns this model. */
    public RunViewModel withUndo(dev.cairn.app.shell.UndoHistory history) {
        this.undo = history;
        return this;
    }

    /** Records how to take back a saved edit of this run's tags, then shows the run again when it is taken back. */
    private void recordUndo(String what, String runId, String key, String previous) {
        if (undo == null) {
            return;
        }
        undo.record(what, () -> {
            if (previous == null) {
                tracking.log().deleteTag(runId, key);
            } else {
                tracking.log().setTag(runId, key, previous);
            }
            javafx.application.Platform.runLater(() -> {
                if (run.get() != null && run.get().info().runId().equals(runId)) {
                    open(runId);
                }
            });
        });
    }

    /** @param opener opens artifacts in the system's apps */
    public RunViewModel(TrackingServices tracking, TaskExecutor tasks, Notifier notifier, FileOpener opener) {
        this.tracking = tracking;
        this.tasks = tasks;
        this.notifier = notifier;
        this.artifacts = new ArtifactsViewModel(tracking.artifacts(), tasks, opener, notifier);
        follow.setCycleCount(javafx.animation.Animation.INDEFINITE);
    }

    /** The loaded run, its relatives and all metric histories arrive together, so the page draws once. */
    private record Loaded(Run run, List<MetricSeries> metrics, RunLink parent, List<RunLink> children,
                          List<RunLoggedModels.Row> loggedModels) {
    }

    /**
     * Loads a run, its parent and children, and the full history of each of its metrics in the background.
     * Calling it again shows another run on the same page (how parent and child links navigate).
     */
    public void open(String runId) {
        follow.stop();
        tasks.execute(BackgroundTask.of("Loading run", (progress, cancellation) -> {
            Run loaded = tracking.runs().get(runId);
            List<MetricSeries> series = new ArrayList<>();
            int done = 0;
            for (var metric : loaded.latestMetrics()) {
                cancellation.throwIfCancelled();
                progress.progress(done++, loaded.latestMetrics().size(), "Reading " + metric.key());
                series.add(tracking.log().series(runId, metric.key()));
            }
            return new Loaded(loaded, series, parentOf(loaded), childrenOf(loaded),
                    RunLoggedModels.of(tracking, loaded));
        }).busy(loading).onSuccess(loaded -> {
            parent.set(loaded.parent()); // before the run: the page reads them when the run arrives
            children.setAll(loaded.children());
            loggedModels.setAll(loaded.loggedModels());
            run.set(loaded.run());
            description.set(loaded.run().tags().getOrDefault(DESCRIPTION_TAG, ""));
            metrics.setAll(loaded.metrics());
            artifacts.load(loaded.run().info());
            followWhileRunning();
        }));
    }

    /** The parent named by the run's tag; a parent missing from this workspace is still linked by its id. */
    private RunLink parentOf(Run child) {
        String parentId = child.tags().get(PARENT_TAG);
        if (parentId == null || parentId.isBlank()) {
            return null;
        }
        try {
            return new RunLink(parentId, tracking.runs().get(parentId).info().runName());
        } catch (TrackingException e) {
            return new RunLink(parentId, parentId + " (not in this workspace)");
        }
    }

    /** The runs of the same experiment whose parent tag names this run. */
    private List<RunLink> childrenOf(Run parentRun) {
        String filter = "tags.`" + PARENT_TAG + "` = '" + parentRun.info().runId() + "'";
        return tracking.runs().search(List.of(parentRun.info().experimentId()), filter, ViewType.ACTIVE_ONLY,
                        MAX_CHILDREN, List.of("attributes.start_time ASC"), null).items().stream()
                .map(child -> new RunLink(child.info().runId(), child.info().runName())).toList();
    }

    /** Whether {@code key} is one of MLflow's own tags, which the page shows read-only. */
    public static boolean isSystemTag(String key) {
        return key.startsWith("mlflow.");
    }

    /**
     * Sets a tag of the user's in the background and reloads the run's tags.
     *
     * @return false, with a warning in the status bar, for a blank key or one of MLflow's own
     */
    public boolean setTag(String key, String value) {
        Run current = run.get();
        if (current == null) {
            return false;
        }
        if (key == null || key.isBlank() || isSystemTag(key)) {
            notifier.warn(key == null || key.isBlank() ? "A tag needs a key." : "Keys starting with 'mlflow.' are "
                    + "MLflow's own and are set by MLflow; choose another key.");
            return false;
        }
        String runId = current.info().runId();
        String previous = current.tags().get(key);
        changeTags("Setting tag " + key, () -> tracking.log().setTag(runId, key, value == null ? "" : value),
                () -> recordUndo("Set tag " + key + " of run " + current.info().runName(), runId, key, previous));
        return true;
    }

    /** Deletes a tag of the user's in the background and reloads the run's tags. */
    public void deleteTag(String key) {
        Run current = run.get();
        if (current == null || isSystemTag(key)) {
            return;
        }
        String runId = current.info().runId();
        String previous = current.tags().get(key);
        changeTags("Deleting tag " + key, () -> tracking.log().deleteTag(runId, key),
                () -> recordUndo("Deleted tag " + key + " of run " + current.info().runName(), runId, key, previous));
    }

    private void changeTags(String title, Runnable change, Runnable saved) {
        String runId = run.get().info().runId();
        tasks.execute(BackgroundTask.of(title, (progress, cancellation) -> {
            change.run();
            return tracking.runs().get(runId);
        }).onSuccess(changed -> {
            if (run.get() != null && run.get().info().runId().equals(runId)) {
                run.set(changed);
            }
            saved.run();
        }));
    }

    /** Stops following the run (the page was left). */
    public void close() {
        follow.stop();
    }

    private void followWhileRunning() {
        if (run.get() != null && run.get().info().status() == dev.cairn.core.tracking.RunStatus.RUNNING) {
            follow.play();
        } else {
            follow.stop();
        }
    }

    /** New points of each metric since the last look, and the run as it is now. */
    private record NewPoints(Run run, java.util.Map<String, MetricSeries> tails) {
    }

    /** Reads only what was logged since the last look; the charts append it. */
    private void fetchNewPoints() {
        Run current = run.get();
        if (current == null || fetching) {
            return;
        }
        fetching = true;
        java.util.Map<String, Integer> known = new java.util.HashMap<>();
        metrics.forEach(series -> known.put(series.key(), series.size()));
        String runId = current.info().runId();
        tasks.execute(BackgroundTask.of("Following " + current.info().runName(), (progress, cancellation) -> {
            Run now = tracking.runs().get(runId);
            java.util.Map<String, MetricSeries> tails = new java.util.LinkedHashMap<>();
            for (var metric : now.latestMetrics()) {
                MetricSeries tail = tracking.log().seriesAfter(runId, metric.key(), known.getOrDefault(metric.key(), 0));
                if (tail.size() > 0) {
                    tails.put(metric.key(), tail);
                }
            }
            return new NewPoints(now, tails);
        }).onSuccess(update -> {
            apply(update);
            followWhileRunning();
        }).andFinally(() -> fetching = false));
    }

    private void apply(NewPoints update) {
        if (update.run().info().status() != run.get().info().status()) {
            run.set(update.run());
        }
        update.tails().forEach((key, tail) -> {
            for (int i = 0; i < metrics.size(); i++) {
                if (metrics.get(i).key().equals(key)) {
                    metrics.set(i, concat(metrics.get(i), tail)); // a replacement: the view appends the tail
                    return;
                }
            }
            metrics.add(tail); // a new metric: the view adds its chart
        });
    }

    private static MetricSeries concat(MetricSeries head, MetricSeries tail) {
        int n = head.size() + tail.size();
        long[] steps = java.util.Arrays.copyOf(head.steps(), n);
        long[] timestamps = java.util.Arrays.copyOf(head.timestamps(), n);
        double[] values = java.util.Arrays.copyOf(head.values(), n);
        System.arraycopy(tail.steps(), 0, steps, head.size(), tail.size());
        System.arraycopy(tail.timestamps(), 0, timestamps, head.size(), tail.size());
        System.arraycopy(tail.values(), 0, values, head.size(), tail.size());
        return new MetricSeries(head.key(), steps, timestamps, values);
    }

    /** Stores the edited description as MLflow does, in the {@code mlflow.note.content} tag. */
    public void saveDescription() {
        Run current = run.get();
        if (current == null) {
            return;
        }
        String text = description.get();
        String previous = current.tags().get(DESCRIPTION_TAG);
        tasks.execute(BackgroundTask.of("Saving description", (progress, cancellation) -> {
            tracking.log().setTag(current.info().runId(), DESCRIPTION_TAG, text);
            return text;
        }).onSuccess(saved -> {
            notifier.info("Description saved.");
            recordUndo("Changed the description of run " + current.info().runName(), current.info().runId(),
                    DESCRIPTION_TAG, previous);
        }));
    }

    /** The x values of a series under the current x-axis mode. */
    public double[] xValues(MetricSeries series) {
        Long start = run.get() == null ? null : run.get().info().startTime();
        long origin = start != null ? start : series.size() > 0 ? series.timestamps()[0] : 0;
        return xAxis.get().values(series.steps(), series.timestamps(), origin);
    }

    public ObjectProperty<Run> run() {
        return run;
    }

    public ObservableList<MetricSeries> metrics() {
        return metrics;
    }

    public StringProperty description() {
        return description;
    }

    public ObjectProperty<XAxisMode> xAxis() {
        return xAxis;
    }

    public DoubleProperty smoothing() {
        return smoothing;
    }

    public BooleanProperty logScale() {
        return logScale;
    }

    public BooleanProperty loading() {
        return loading;
    }

    /** The parent run, null for a top-level run. */
    public ObjectProperty<RunLink> parent() {
        return parent;
    }

    /** Runs nested under this one. */
    public ObservableList<RunLink> children() {
        return children;
    }

    /** The artifacts browser of the run shown. */
    /** MLflow 3's logged models the run produced or used (RunLoggedModels). */
    public ObservableList<RunLoggedModels.Row> loggedModels() {
        return loggedModels;
    }

    public ArtifactsViewModel artifacts() {
        return artifacts;
    }
}
