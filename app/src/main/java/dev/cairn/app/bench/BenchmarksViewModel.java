package dev.cairn.app.bench;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.bench.BenchmarkComparison;
import dev.cairn.core.bench.BenchmarkExport;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.bench.StoredBenchmark;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Benchmarks section: every stored result, filtered by model; the chosen ones compared side by side (figures
 * and percentile curves) with the whole sweeps they belong to; export to CSV or JSON; delete. Database and file work
 * run in background tasks; the lists change on the JavaFX thread.
 */
public final class BenchmarksViewModel {

    /** The export formats offered. */
    public enum Format { CSV, JSON }

    private final BenchmarkStore store;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final ObservableList<StoredBenchmark> all = FXCollections.observableArrayList();
    private final FilteredList<StoredBenchmark> shown = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<BenchmarkComparison> comparison = new SimpleObjectProperty<>();
    private final ObservableList<List<StoredBenchmark>> sweeps = FXCollections.observableArrayList();
    private long sweepRequest;

    public BenchmarksViewModel(BenchmarkStore store, TaskExecutor tasks, Notifier notifier) {
        this.store = store;
        this.tasks = tasks;
        this.notifier = notifier;
        filter.addListener((obs, old, text) -> {
            String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            shown.setPredicate(needle.isEmpty() ? null
                    : b -> b.model().name().toLowerCase(Locale.ROOT).contains(needle));
        });
    }

    /** Reads every stored result, newest first. */
    public void load() {
        tasks.execute(BackgroundTask.of("Loading benchmarks", (status, cancellation) -> store.list(null))
                .busy(loading)
                .onSuccess(all::setAll)
                .onError(Exception.class, e -> error.set("Cannot read the benchmarks: " + e.getMessage())));
    }

    /**
     * Compares the chosen results, oldest first as the baseline (a table's selection has no order users can see),
     * and loads, for those that are sweep points,
     * their whole sweeps, so sweeps of two versions can be laid over each other.
     */
    public void choose(List<StoredBenchmark> selection) {
        List<StoredBenchmark> chosen = selection.stream()
                .sorted(java.util.Comparator.comparingLong(StoredBenchmark::id)).toList();
        comparison.set(chosen.isEmpty() ? null : BenchmarkComparison.of(chosen));
        List<Long> sweepIds = chosen.stream().filter(b -> b.sweep() != null).map(b -> b.sweep().sweepId())
                .distinct().toList();
        long request = ++sweepRequest;
        if (sweepIds.isEmpty()) {
            sweeps.clear();
            return;
        }
        tasks.execute(BackgroundTask.of("Loading sweeps", (status, cancellation) -> {
            Map<Long, List<StoredBenchmark>> points = new LinkedHashMap<>();
            for (long id : sweepIds) {
                points.put(id, store.sweep(id));
            }
            return List.copyOf(points.values());
        }).onSuccess(loaded -> {
            if (request == sweepRequest) { // a later choice wins over a slow earlier one
                // Only sweeps of one setting can share an axis: keep those of the first chosen sweep's setting.
                var parameter = loaded.get(0).get(0).sweep().parameter();
                sweeps.setAll(loaded.stream().filter(s -> s.get(0).sweep().parameter() == parameter).toList());
            }
        }).onError(Exception.class, e -> error.set("Cannot read the sweeps: " + e.getMessage())));
    }

    /** Writes the chosen results to {@code file} whole (through a temporary file) or not at all. */
    public void export(List<StoredBenchmark> chosen, Path file, Format format) {
        List<StoredBenchmark> copy = List.copyOf(chosen);
        tasks.execute(BackgroundTask.of("Exporting " + copy.size() + " benchmark(s)", (status, cancellation) -> {
            Path folder = file.toAbsolutePath().getParent();
            Path temporary = Files.createTempFile(folder, ".cairn-export", ".tmp");
            try {
                try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    if (format == Format.CSV) {
                        BenchmarkExport.writeCsv(copy, out);
                    } else {
                        BenchmarkExport.writeJson(copy, out);
                    }
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        }).onSuccess(written -> notifier.info(String.format(Locale.ROOT, "Exported %d benchmark(s) to %s",
                copy.size(), written)))
                .onError(Exception.class, e -> error.set("Cannot export to " + file + ": " + e.getMessage())));
    }

    /** Deletes the chosen results, then reloads the list. */
    public void delete(List<StoredBenchmark> chosen) {
        List<Long> ids = chosen.stream().map(StoredBenchmark::id).toList();
        tasks.execute(BackgroundTask.of("Deleting " + ids.size() + " benchmark(s)",
                (status, cancellation) -> store.delete(ids)).onSuccess(count -> {
                    notifier.info("Deleted " + count + " benchmark(s).");
                    all.removeIf(b -> ids.contains(b.id()));
                    choose(List.of());
                }).onError(Exception.class, e -> error.set("Cannot delete: " + e.getMessage())));
    }

    /** The results the filter lets through, newest first. */
    public ObservableList<StoredBenchmark> benchmarks() {
        return shown;
    }

    /** Part of a model name; empty shows all. */
    public StringProperty filter() {
        return filter;
    }

    public BooleanProperty loading() {
        return loading;
    }

    /** The last failure, as a sentence; empty when none. */
    public StringProperty error() {
        return error;
    }

    /** The chosen results compared, or null when none is chosen. */
    public ObjectProperty<BenchmarkComparison> comparison() {
        return comparison;
    }

    /** The whole sweeps of the chosen sweep points, each in the order it ran. */
    public ObservableList<List<StoredBenchmark>> sweeps() {
        return sweeps;
    }
}
