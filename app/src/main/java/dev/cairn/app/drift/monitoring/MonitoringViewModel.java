package dev.cairn.app.drift.monitoring;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.app.task.TaskHandle;
import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.monitoring.DriftAlert;
import dev.cairn.core.monitoring.MonitoredSource;
import dev.cairn.core.monitoring.MonitoringResult;
import dev.cairn.core.monitoring.MonitoringSettings;
import dev.cairn.core.monitoring.PredictionMonitor;
import dev.cairn.core.monitoring.WindowDrift;
import dev.cairn.core.monitoring.Windowing;
import dev.cairn.core.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
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

/**
 * Prediction monitoring for the Drift section: pulls a source's prediction log, compares it window by window with a
 * reference CSV, and tells the {@link Notifier} about windows that newly crossed the threshold. All work runs through
 * the task executor; properties change on the JavaFX thread only.
 */
public final class MonitoringViewModel {

    private static final double INDETERMINATE = -1;

    private final PredictionMonitor monitor;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final Executor fxThread;
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final StringProperty source = new SimpleStringProperty("");
    private final StringProperty reference = new SimpleStringProperty("");
    private final StringProperty window = new SimpleStringProperty("day");
    private final StringProperty minRows = new SimpleStringProperty(Integer.toString(
            MonitoringSettings.DEFAULT_MIN_ROWS));
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<MonitoringResult> result = new SimpleObjectProperty<>();
    private final ObservableList<WindowDrift> windows = FXCollections.observableArrayList();
    private final ObjectProperty<WindowDrift> selectedWindow = new SimpleObjectProperty<>();
    private final ObservableList<ColumnDrift> windowColumns = FXCollections.observableArrayList();
    private final ObservableList<DriftAlert> alerts = FXCollections.observableArrayList();
    private TaskHandle handle;

    /**
     * @param fxThread runs progress updates on the JavaFX thread ({@code Platform::runLater} in the app)
     */
    public MonitoringViewModel(PredictionMonitor monitor, TaskExecutor tasks, Notifier notifier, Executor fxThread) {
        this.monitor = monitor;
        this.tasks = tasks;
        this.notifier = notifier;
        this.fxThread = fxThread;
        selectedWindow.addListener((obs, old, chosen) -> windowColumns.setAll(chosen == null ? List.of()
                : chosen.columns()));
    }

    /** Loads the names of the sources pulled so far. */
    public void loadSources() {
        tasks.execute(BackgroundTask.of("Loading monitored sources", (status, cancellation) ->
                monitor.predictions().sources().stream().map(MonitoredSource::name).toList())
                .onSuccess(sources::setAll));
    }

    /**
     * Pulls the source (a known source's name, or a server URL, which becomes a source of that name), then analyses
     * it when a reference is chosen. Call on the JavaFX thread.
     */
    public void pull() {
        String target = source.get() == null ? "" : source.get().strip();
        if (busy.get()) {
            return;
        }
        if (target.isEmpty()) {
            error.set("Enter a model server URL (http://host:port) or pick a source.");
            return;
        }
        start("Pulling predictions");
        handle = tasks.execute(BackgroundTask.of("Pulling predictions from " + target, (status, cancellation) -> {
            Optional<MonitoredSource> known = monitor.predictions().find(target);
            String url = known.map(MonitoredSource::url).orElse(target);
            return monitor.pull(target, url, mirrored(status), cancellation);
        }).busy(busy).onSuccess(pulled -> {
            progress.set(1);
            status.set(String.format(Locale.ROOT, "%,d new predictions (%,d stored)%s", pulled.added(),
                    pulled.source().predictions(), pulled.malformed() == 0 ? ""
                            : String.format(Locale.ROOT, "; %,d malformed lines skipped (%s)", pulled.malformed(),
                                    pulled.firstMalformed())));
            if (!sources.contains(pulled.source().name())) {
                sources.add(pulled.source().name());
            }
        }).onError(CairnException.class, this::failed).andFinally(() -> finish(() -> {
            if (error.get().isEmpty() && !reference.get().isBlank()) {
                analyse();
            }
        })));
    }

    /** Compares the source's stored predictions with the reference, window by window. Call on the JavaFX thread. */
    public void analyse() {
        String target = source.get() == null ? "" : source.get().strip();
        if (busy.get()) {
            return;
        }
        MonitoringSettings settings;
        try {
            settings = settings();
        } catch (CairnException e) {
            error.set(e.getMessage());
            return;
        }
        if (target.isEmpty() || reference.get().isBlank()) {
            error.set("Pick a source and a reference CSV to compare with.");
            return;
        }
        Path file = Path.of(reference.get().strip());
        start("Comparing with " + file.getFileName());
        handle = tasks.execute(BackgroundTask.of("Monitoring drift of " + target, (status, cancellation) -> {
            PredictionMonitor.Analysis analysis = monitor.analyse(target, file, settings, mirrored(status),
                    cancellation);
            return new Outcome(analysis, monitor.alerts().list(target));
        }).busy(busy).onSuccess(outcome -> show(outcome, settings)).onError(CairnException.class, this::failed)
                .andFinally(() -> finish(() -> { })));
    }

    /** Asks the running pull or analysis to stop; what a pull stored so far is kept. */
    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    private record Outcome(PredictionMonitor.Analysis analysis, List<DriftAlert> alerts) {
    }

    private void show(Outcome outcome, MonitoringSettings settings) {
        MonitoringResult shown = outcome.analysis().result();
        result.set(shown);
        windows.setAll(shown.windows());
        selectedWindow.set(shown.latestTested().orElse(null));
        alerts.setAll(outcome.alerts());
        progress.set(1);
        long drifted = shown.windows().stream().filter(WindowDrift::datasetDrift).count();
        status.set(String.format(Locale.ROOT, "%d windows of %s, %d with dataset drift; compared: %s",
                shown.windows().size(), settings.windowing().rows() > 0 ? settings.windowing().rows() + " rows"
                        : "one " + settings.windowing(), drifted, String.join(", ", shown.compared())));
        List<DriftAlert> fresh = outcome.analysis().newAlerts();
        if (!fresh.isEmpty()) {
            DriftAlert newest = fresh.get(fresh.size() - 1);
            notifier.warn(String.format(Locale.ROOT, "Drift in %s: %s%s", shown.source(), newest.reason(),
                    fresh.size() == 1 ? " (window " + newest.windowKey() + ")"
                            : " (" + fresh.size() + " new windows; newest " + newest.windowKey() + ")"));
        }
    }

    private MonitoringSettings settings() {
        int rows;
        try {
            rows = Integer.parseInt(minRows.get().strip());
        } catch (NumberFormatException e) {
            throw new CairnException("Minimum rows must be a whole number, not '" + minRows.get() + "'");
        }
        MonitoringSettings defaults = MonitoringSettings.of(Windowing.parse(window.get()));
        return new MonitoringSettings(defaults.windowing(), rows, defaults.options(), defaults.columnTypes(),
                defaults.alertColumns());
    }

    private void start(String what) {
        error.set("");
        progress.set(INDETERMINATE);
        status.set(what + "\u2026");
    }

    private void failed(CairnException e) {
        error.set(e.getMessage());
        status.set("");
        progress.set(0);
    }

    private void finish(Runnable next) {
        handle = null;
        if (progress.get() < 1 && error.get().isEmpty()) {
            status.set("Cancelled.");
            progress.set(0);
            return;
        }
        next.run();
    }

    /** Progress to the status bar as before, and to this pane's own bar through the JavaFX thread. */
    private ProgressListener mirrored(ProgressListener statusBar) {
        return (done, total, message) -> {
            statusBar.progress(done, total, message);
            fxThread.execute(() -> {
                if (busy.get()) {
                    progress.set(done < 0 || total <= 0 ? INDETERMINATE : (double) done / total);
                    status.set(message);
                }
            });
        };
    }

    public ObservableList<String> sources() {
        return sources;
    }

    /** The source to pull or analyse: a known name or a server URL. */
    public StringProperty source() {
        return source;
    }

    /** The reference CSV's path. */
    public StringProperty reference() {
        return reference;
    }

    /** {@code hour}, {@code day} or a number of rows. */
    public StringProperty window() {
        return window;
    }

    public StringProperty minRows() {
        return minRows;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public DoubleProperty progress() {
        return progress;
    }

    public StringProperty status() {
        return status;
    }

    public StringProperty error() {
        return error;
    }

    public ObjectProperty<MonitoringResult> result() {
        return result;
    }

    public ObservableList<WindowDrift> windows() {
        return windows;
    }

    public ObjectProperty<WindowDrift> selectedWindow() {
        return selectedWindow;
    }

    /** The columns of the selected window. */
    public ObservableList<ColumnDrift> windowColumns() {
        return windowColumns;
    }

    /** The source's recorded alerts, newest window first. */
    public ObservableList<DriftAlert> alerts() {
        return alerts;
    }
}
