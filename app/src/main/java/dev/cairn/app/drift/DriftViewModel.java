package dev.cairn.app.drift;

import dev.cairn.app.task.Failures;
import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.app.task.TaskHandle;
import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.drift.ColumnType;
import dev.cairn.core.drift.ColumnTyping;
import dev.cairn.core.drift.CsvTable;
import dev.cairn.core.drift.Dataset;
import dev.cairn.core.drift.DatasetStore;
import dev.cairn.core.drift.DriftAnalysis;
import dev.cairn.core.drift.DriftOptions;
import dev.cairn.core.drift.DriftReport;
import dev.cairn.core.drift.DriftReportStore;
import dev.cairn.core.drift.DriftReportHtml;
import dev.cairn.core.drift.DriftReportJson;
import dev.cairn.core.drift.ColumnTest;
import dev.cairn.core.drift.DatasetFiles;
import dev.cairn.core.drift.DriftTests;
import dev.cairn.core.plugins.Plugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * The Drift section: a reference and a current CSV file, compared column by column with Evidently's tests (the
 * default per column, or one chosen), the report kept for the table and charts, and exported as HTML or JSON. Files
 * dropped on the window are registered as datasets and fill the two slots. Reading, typing and testing run in a
 * background task that can be cancelled.
 */
public final class DriftViewModel {

    private final TaskExecutor tasks;
    private final DatasetStore datasets;
    private final DriftReportStore reports;
    private final Notifier notifier;
    private final DatasetFiles files;
    private final DriftTests available;
    private final ObjectProperty<Path> reference = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> current = new SimpleObjectProperty<>();
    private final StringProperty driftShare = new SimpleStringProperty(String.valueOf(DriftOptions.DEFAULT_DRIFT_SHARE));
    private final Map<String, ColumnTest> tests = new LinkedHashMap<>();
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private final ObservableSet<String> excluded = FXCollections.observableSet(new java.util.TreeSet<>());
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty phase = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<DriftReport> report = new SimpleObjectProperty<>();
    private TaskHandle handle;

    /**
     * @param reports where each finished comparison is recorded (the dashboard shows the latest)
     * @param plugins add dataset formats (read like CSV files) and drift tests (offered beside Evidently's)
     */
    public DriftViewModel(TaskExecutor tasks, DatasetStore datasets, DriftReportStore reports, Notifier notifier,
            Plugins plugins) {
        this.tasks = tasks;
        this.datasets = datasets;
        this.reports = reports;
        this.notifier = notifier;
        this.files = DatasetFiles.of(plugins);
        this.available = DriftTests.of(plugins);
    }

    /** The dataset files the section reads: CSV and the plugins' formats. */
    public DatasetFiles datasetFiles() {
        return files;
    }

    /** The tests a column can be given: Evidently's and the plugins'. */
    public DriftTests tests() {
        return available;
    }

    /**
     * Takes dropped files: two at once are the reference and the current data, in that order; one fills the
     * reference slot when it is empty, else the current one. Each is registered as a dataset; when both slots are
     * full the comparison starts.
     */
    public void addFiles(List<Path> files) {
        if (files.size() >= 2) {
            reference.set(files.get(0));
            current.set(files.get(1));
        } else if (reference.get() == null) {
            reference.set(files.get(0));
        } else {
            current.set(files.get(0));
        }
        boolean comparing = reference.get() != null && current.get() != null;
        files.stream().limit(2).forEach(file -> register(file, comparing));
        if (comparing) {
            compare();
        }
    }

    /**
     * Registers a data file (by its SHA-256, so a file dropped twice is one dataset). While a comparison of it runs,
     * the error line is the comparison's (which reads the reference first), so a failed registration is a warning
     * in the status bar instead of a second message racing for the same line.
     */
    private void register(Path file, boolean comparing) {
        tasks.execute(BackgroundTask.of("Registering " + file.getFileName(), (status, cancellation) -> {
            Dataset dataset = ColumnTyping.type(files.read(file), Map.of());
            return datasets.register(name(file), dataset, file);
        }).onSuccess(registration -> notifier.info(String.format(Locale.ROOT, "%s %s as dataset %s v%d (%,d rows, "
                + "%d columns).", registration.alreadyRegistered() ? "Already registered:" : "Registered",
                file.getFileName(), registration.dataset().name(), registration.dataset().version(),
                registration.dataset().rows(), registration.dataset().columns())))
                .onError(Exception.class, e -> {
                    String message = file.getFileName() + ": " + Failures.message(e);
                    if (comparing) {
                        notifier.warn("Not registered as a dataset: " + message);
                    } else {
                        error.set(message);
                    }
                }));
    }

    /** Compares the two files with the chosen tests and thresholds; a running comparison is not restarted. */
    public void compare() {
        if (running.get()) {
            return;
        }
        Path referenceFile = reference.get();
        Path currentFile = current.get();
        if (referenceFile == null || currentFile == null) {
            error.set("Choose a reference and a current dataset file (or drop two on the window).");
            return;
        }
        double share;
        try {
            share = Double.parseDouble(driftShare.get().trim());
            if (!(share > 0 && share <= 1)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            error.set("The drift share is the fraction of drifted columns that means dataset drift, from above 0 to "
                    + "1 (Evidently's default 0.5); got '" + driftShare.get() + "'.");
            return;
        }
        Map<String, ColumnType> chosenTypes = Map.copyOf(types);
        Set<String> leftOut = Set.copyOf(excluded);
        // Tests and thresholds of columns left out would name columns that are not compared.
        Map<String, ColumnTest> chosenTests = new LinkedHashMap<>(tests);
        Map<String, Double> chosenThresholds = new LinkedHashMap<>(thresholds);
        chosenTests.keySet().removeAll(leftOut);
        chosenThresholds.keySet().removeAll(leftOut);
        DriftOptions options = new DriftOptions(chosenTests, chosenThresholds, share);
        error.set("");
        progress.set(-1);
        phase.set("Reading " + referenceFile.getFileName() + "\u2026");
        handle = tasks.execute(BackgroundTask.of("Comparing " + currentFile.getFileName() + " with "
                + referenceFile.getFileName(), (status, cancellation) -> {
                    CsvTable referenceTable = files.read(referenceFile);
                    cancellation.throwIfCancelled();
                    CsvTable currentTable = files.read(currentFile);
                    cancellation.throwIfCancelled();
                    ColumnTyping.Pair pair = ColumnTyping.type(referenceTable, currentTable, chosenTypes, leftOut);
                    DriftReport compared = DriftAnalysis.compare(pair, options, (done, total, message) -> {
                        status.progress(done, total, message);
                        double fraction = total <= 0 ? 0 : (double) done / total;
                        javafx.application.Platform.runLater(() -> {
                            progress.set(fraction);
                            phase.set(message);
                        });
                    }, cancellation);
                    reports.save(compared);
                    return compared;
                }).busy(running).onSuccess(done -> {
                    report.set(done);
                    progress.set(1);
                    phase.set(String.format(Locale.ROOT, "%d of %d columns drifted: %s.", done.driftedColumns(),
                            done.columns().size(), done.datasetDrift() ? "dataset drift" : "no dataset drift"));
                }).onError(Exception.class, e -> {
                    phase.set("");
                    progress.set(0);
                    error.set(Failures.message(e));
                }).andFinally(() -> {
                    handle = null;
                    if (error.get().isEmpty() && progress.get() < 1) {
                        phase.set("Cancelled.");
                        progress.set(0);
                    }
                }));
    }

    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** Uses this test for a column from the next comparison on; null goes back to Evidently's default. */
    public void chooseTest(String column, ColumnTest test) {
        if (test == null) {
            tests.remove(column);
        } else {
            tests.put(column, test);
        }
        thresholds.remove(column); // a threshold belongs to its test: a p-value limit is no distance limit
    }

    /** Uses this threshold for a column from the next comparison on; null goes back to the test's default. */
    public void chooseThreshold(String column, Double threshold) {
        if (threshold == null) {
            thresholds.remove(column);
        } else {
            thresholds.put(column, threshold);
        }
    }

    /**
     * Treats a column as numerical or categorical from the next comparison on, overriding Evidently's rule (numbers
     * with few distinct values are categorical); a chosen test that no longer fits goes back to the default.
     */
    public void chooseType(String column, ColumnType type) {
        types.put(column, type);
        ColumnTest test = tests.get(column);
        if (test != null && !test.appliesTo(type)) {
            chooseTest(column, null);
        }
    }

    /** Leaves a column out of the next comparisons (an id, a date), or takes it back in. */
    public void exclude(String column, boolean leaveOut) {
        if (leaveOut) {
            excluded.add(column);
        } else {
            excluded.remove(column);
        }
    }

    /** The columns left out of comparisons. */
    public ObservableSet<String> excluded() {
        return excluded;
    }

    /** The column's test as chosen, or null for the default. */
    public ColumnTest chosenTest(String column) {
        return tests.get(column);
    }

    /** Swaps reference and current. */
    public void swap() {
        Path first = reference.get();
        reference.set(current.get());
        current.set(first);
    }

    /** Writes the report as a self-contained HTML page or JSON, whole or not at all. */
    public void export(Path file, boolean html) {
        DriftReport shown = report.get();
        if (shown == null) {
            return;
        }
        tasks.execute(BackgroundTask.of("Exporting the drift report", (status, cancellation) -> {
            String text = html ? DriftReportHtml.write(shown) : DriftReportJson.write(shown);
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".cairn-drift", ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        }).onSuccess(written -> notifier.info("Drift report written to " + written))
                .onError(Exception.class, e -> error.set("Cannot write " + file + ": " + Failures.message(e))));
    }

    /** The drift of one column in the report shown, if it has that column. */
    public ColumnDrift column(String name) {
        DriftReport shown = report.get();
        return shown == null ? null : shown.columns().stream().filter(c -> c.column().equals(name)).findFirst()
                .orElse(null);
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }


    public ObjectProperty<Path> reference() {
        return reference;
    }

    public ObjectProperty<Path> current() {
        return current;
    }

    /** The share of drifted columns that means dataset drift, as typed. */
    public StringProperty driftShare() {
        return driftShare;
    }

    public BooleanProperty running() {
        return running;
    }

    /** From 0 to 1, or -1 while the files are read. */
    public DoubleProperty progress() {
        return progress;
    }

    public StringProperty phase() {
        return phase;
    }

    public StringProperty error() {
        return error;
    }

    /** The last finished comparison. */
    public ObjectProperty<DriftReport> report() {
        return report;
    }
}
