package dev.cairn.app.bench;

import dev.cairn.app.task.Failures;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.app.task.TaskHandle;
import dev.cairn.core.bench.BenchmarkListener;
import dev.cairn.core.bench.BenchmarkProgress;
import dev.cairn.core.bench.BenchmarkResult;
import dev.cairn.core.bench.BenchmarkRunner;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.bench.BenchmarkedModel;
import dev.cairn.core.bench.StoredBenchmark;
import dev.cairn.core.bench.BenchmarkSweep;
import dev.cairn.core.bench.SweepListener;
import dev.cairn.core.bench.SweepRunner;
import java.util.List;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
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
 * One model file's benchmark: runs {@link BenchmarkRunner} through the task executor, mirrors its progress (phase,
 * count, recent latencies) into properties on the JavaFX thread, stores the result and keeps it for display.
 */
public final class BenchmarkViewModel {

    /** ProgressIndicator's value for "not known yet", without a control class in the view model. */
    private static final double INDETERMINATE = -1;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Path file;
    private final BenchmarkedModel benchmarked;
    private final TaskExecutor tasks;
    private final BenchmarkStore store;
    private final Executor fxThread;
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty phase = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<BenchmarkProgress> ticks = FXCollections.observableArrayList();
    private final ObjectProperty<StoredBenchmark> result = new SimpleObjectProperty<>();
    private final ObservableList<StoredBenchmark> sweepPoints = FXCollections.observableArrayList();
    private TaskHandle handle;

    /**
     * @param benchmarked how the stored result names the model (registered name, version, SHA-256)
     * @param fxThread runs progress updates on the JavaFX thread ({@code Platform::runLater} in the app)
     */
    public BenchmarkViewModel(Path file, BenchmarkedModel benchmarked, TaskExecutor tasks, BenchmarkStore store,
            Executor fxThread) {
        this.file = file;
        this.benchmarked = benchmarked;
        this.tasks = tasks;
        this.store = store;
        this.fxThread = fxThread;
    }

    /** Shows this version's newest stored benchmark, if it has one, so results are there on coming back. */
    public void loadLatest() {
        tasks.execute(BackgroundTask.of("Loading benchmarks of " + benchmarked.name(), (status, cancellation) -> {
            StoredBenchmark latest = store.list(benchmarked.name()).stream()
                    .filter(b -> Objects.equals(b.model().version(), benchmarked.version()))
                    .findFirst().orElse(null);
            return latest == null ? List.<StoredBenchmark>of()
                    : latest.sweep() == null ? List.of(latest) : store.sweep(latest.sweep().sweepId());
        }).onSuccess(latest -> {
            // A run started meanwhile wins: its result is newer.
            if (latest.isEmpty() || result.get() != null || !sweepPoints.isEmpty() || running.get()) {
                return;
            }
            StoredBenchmark newest = latest.get(latest.size() - 1);
            if (newest.sweep() == null) {
                result.set(newest);
                phase.set(String.format(Locale.ROOT, "Last run: benchmark %d, %s.", newest.id(),
                        WHEN.format(Instant.ofEpochMilli(newest.createdAtMillis()))));
            } else {
                sweepPoints.setAll(latest);
                phase.set(String.format(Locale.ROOT, "Last run: sweep %d over %s, %s.", newest.sweep().sweepId(),
                        newest.sweep().parameter().label(), WHEN.format(Instant.ofEpochMilli(newest.createdAtMillis()))));
            }
        }));
    }

    /**
     * Starts a sweep unless something runs: one benchmark per value, each stored as it finishes, so a cancel keeps
     * the finished points. Call on the JavaFX thread.
     */
    public void startSweep(BenchmarkSweep sweep, BenchmarkSettings settings) {
        if (running.get()) {
            return;
        }
        reset();
        sweepPoints.clear();
        SweepRunner runner = new SweepRunner(new BenchmarkRunner(), store);
        handle = tasks.execute(BackgroundTask.of("Sweeping " + title() + " over " + sweep.parameter().label(),
                (status, cancellation) -> runner.run(sweep, settings, file, benchmarked, new SweepListener() {
                    @Override
                    public void progress(int point, int points, int value, BenchmarkProgress report) {
                        status.progress(Math.round(SweepListener.fraction(point, points, report) * 1000), 1000,
                                sweep.parameter().label() + " " + value);
                        fxThread.execute(() -> showSweep(sweep.parameter(), point, points, value, report));
                    }

                    @Override
                    public void finished(int point, StoredBenchmark stored) {
                        fxThread.execute(() -> sweepPoints.add(stored));
                    }
                }, cancellation)).busy(running).onSuccess(points -> {
                    progress.set(1);
                    phase.set(String.format(Locale.ROOT, "Done: %d points stored as sweep %d (benchmarks %d to %d).",
                            points.size(), points.get(0).sweep().sweepId(), points.get(0).id(),
                            points.get(points.size() - 1).id()));
                }).onError(Exception.class, e -> {
                    phase.set("");
                    error.set(Failures.message(e));
                }).andFinally(() -> {
                    handle = null;
                    if (error.get().isEmpty() && progress.get() < 1) {
                        phase.set(String.format(Locale.ROOT, "Cancelled; the %d finished point(s) are kept.",
                                sweepPoints.size()));
                        progress.set(0);
                    }
                }));
    }

    private void showSweep(BenchmarkSweep.Parameter parameter, int point, int points, int value,
            BenchmarkProgress report) {
        if (!running.get()) {
            return;
        }
        if (!ticks.isEmpty() && ticks.get(ticks.size() - 1).phase() != report.phase()
                && report.phase() == BenchmarkProgress.Phase.LOADING) {
            ticks.clear(); // a new point: the live chart shows the point being measured
        }
        ticks.add(report);
        progress.set(SweepListener.fraction(point, points, report));
        phase.set(String.format(Locale.ROOT, "Point %d of %d, %s %d: %s", point + 1, points, parameter.label(), value,
                describe(report)));
    }

    private void reset() {
        ticks.clear();
        result.set(null);
        error.set("");
        progress.set(INDETERMINATE);
        phase.set("Starting\u2026");
    }

    private String title() {
        return benchmarked.name() + (benchmarked.version() == null ? "" : " v" + benchmarked.version());
    }

    /** Starts a benchmark unless one runs; call on the JavaFX thread. */
    public void start(BenchmarkSettings settings) {
        if (running.get()) {
            return;
        }
        reset();
        sweepPoints.clear();
        BenchmarkRunner runner = new BenchmarkRunner();
        handle = tasks.execute(BackgroundTask.of("Benchmarking " + title(), (status, cancellation) -> {
                    BenchmarkListener toStatusBar = BenchmarkListener.of(status);
                    // Reports come every 250 ms from the runner's thread: cheap enough to hand each to the FX thread.
                    BenchmarkListener listener = report -> {
                        toStatusBar.progress(report);
                        fxThread.execute(() -> show(report));
                    };
                    BenchmarkResult measured = runner.run(settings, file, listener, cancellation);
                    // A cancel that came as the last inference finished: the user was told nothing is stored.
                    cancellation.throwIfCancelled();
                    return store.save(benchmarked, measured);
                }).busy(running).onSuccess(stored -> {
                    result.set(stored);
                    progress.set(1);
                    phase.set(String.format(Locale.ROOT, "Done: %,d inferences, stored as benchmark %d.",
                            stored.result().latency().count(), stored.id()));
                }).onError(Exception.class, e -> {
                    phase.set("");
                    error.set(Failures.message(e));
                }).andFinally(() -> {
                    handle = null;
                    if (result.get() == null && error.get().isEmpty()) {
                        phase.set("Cancelled.");
                        progress.set(0);
                    }
                }));
    }

    /** Asks the running benchmark to stop; it ends at the next inference boundary and stores nothing. */
    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    private void show(BenchmarkProgress report) {
        if (!running.get()) {
            return; // a late report after cancellation
        }
        ticks.add(report);
        progress.set(report.phase() == BenchmarkProgress.Phase.LOADING ? INDETERMINATE
                : report.fraction());
        phase.set(describe(report));
    }

    private static String describe(BenchmarkProgress report) {
        return switch (report.phase()) {
            case LOADING -> "Creating the ONNX Runtime session\u2026";
            case WARMUP -> String.format(Locale.ROOT, "Warming up: %,d runs", report.completed());
            case MEASURING -> String.format(Locale.ROOT, "Measuring: %,d%s inferences", report.completed(),
                    report.target() > 0 ? String.format(Locale.ROOT, " of %,d", report.target())
                            : String.format(Locale.ROOT, " (%.0f of %.0f s)", report.elapsedSeconds(),
                                    report.targetSeconds()));
        };
    }


    public BooleanProperty running() {
        return running;
    }

    /** From 0 to 1, or -1 (indeterminate) while the session is created. */
    public DoubleProperty progress() {
        return progress;
    }

    /** What the benchmark is doing, as a sentence. */
    public StringProperty phase() {
        return phase;
    }

    /** Why the last benchmark failed; empty when it did not. */
    public StringProperty error() {
        return error;
    }

    /** Every progress report of the running (or last) benchmark, in order, for the live chart. */
    public ObservableList<BenchmarkProgress> ticks() {
        return ticks;
    }

    /** The points of the running (or last) sweep, as stored, in the order they finished. */
    public ObservableList<StoredBenchmark> sweepPoints() {
        return sweepPoints;
    }

    /** The last finished benchmark, as stored. */
    public ObjectProperty<StoredBenchmark> result() {
        return result;
    }
}
