package dev.cairn.app.tracking;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.tracking.ArtifactStore;
import dev.cairn.core.tracking.RunArtifacts;
import dev.cairn.core.tracking.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A run's artifacts browser: the top-level entries, folders listed when opened, a preview of the chosen file,
 * opening it in the system's app and downloading it. All disk work runs in background tasks.
 */
public final class ArtifactsViewModel {

    /** What the browser says when a run has no artifacts. */
    public static final String NO_ARTIFACTS = "No artifacts. Log some with mlflow.log_artifact(...) or "
            + "mlflow.log_artifacts(...) from the training script; they appear here.";

    /** One file or folder; the path is relative to the run's artifact root, size null for folders. */
    public record Entry(String path, boolean folder, Long size) {
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    private final ArtifactStore store;
    private final TaskExecutor tasks;
    private final FileOpener opener;
    private final Notifier notifier;
    private final ObservableList<Entry> top = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper emptyMessage = new ReadOnlyStringWrapper();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<ArtifactPreview> preview = new SimpleObjectProperty<>();
    private final BooleanProperty listing = new SimpleBooleanProperty();
    private final BooleanProperty previewing = new SimpleBooleanProperty();
    private final BooleanProperty copying = new SimpleBooleanProperty();
    private RunInfo run;
    private RunArtifacts artifacts;
    // Counts preview requests so that a slow preview finishing after a newer choice is dropped.
    private long previewRequest;

    public ArtifactsViewModel(ArtifactStore store, TaskExecutor tasks, FileOpener opener, Notifier notifier) {
        this.store = store;
        this.tasks = tasks;
        this.opener = opener;
        this.notifier = notifier;
        selected.addListener((o, old, entry) -> loadPreview(entry));
    }

    /** Shows the artifacts of the run {@code info}, listing its top folder in the background. */
    public void load(RunInfo info) {
        run = info;
        artifacts = RunArtifacts.of(store, info);
        selected.set(null);
        top.clear();
        emptyMessage.set(null);
        if (!artifacts.stored()) {
            emptyMessage.set("This run's artifacts are kept outside this workspace, at " + artifacts.uri()
                    + ". Cairn can only browse artifacts logged to it.");
            return;
        }
        RunArtifacts current = artifacts;
        listFolder("", entries -> {
            if (current == artifacts) {
                top.setAll(entries);
                emptyMessage.set(entries.isEmpty() ? NO_ARTIFACTS : null);
            }
        });
    }

    /** Lists the run's artifacts again: a running run may have logged more since the page opened. */
    public void refresh() {
        if (artifacts != null && run != null) {
            load(run);
        }
    }

    /** Lists a folder in the background and hands its entries, folders first, to {@code show}. */
    public void listFolder(String path, Consumer<List<Entry>> show) {
        RunArtifacts current = artifacts;
        tasks.execute(BackgroundTask.of("Listing artifacts", (progress, cancellation) -> current.list(path).stream()
                .map(file -> new Entry(file.path(), file.isDir(), file.fileSize()))
                .sorted((a, b) -> a.folder() != b.folder() ? (a.folder() ? -1 : 1) : a.path().compareTo(b.path()))
                .toList()).busy(listing).onSuccess(show));
    }

    private void loadPreview(Entry entry) {
        long request = ++previewRequest;
        preview.set(null);
        if (entry == null) {
            return;
        }
        RunArtifacts current = artifacts;
        tasks.execute(BackgroundTask.of("Previewing " + entry.name(),
                        (progress, cancellation) -> ArtifactPreviewReader.read(current.file(entry.path())))
                .busy(previewing).onSuccess(shown -> {
                    if (request == previewRequest) {
                        preview.set(shown);
                    }
                }));
    }

    /**
     * Opens the chosen file or folder in the system's app. A copy is opened, in a temporary folder, so that
     * an app that edits or locks the file cannot change what the run logged.
     */
    public void openSelected() {
        Entry entry = selected.get();
        if (entry == null) {
            return;
        }
        RunArtifacts current = artifacts;
        tasks.execute(BackgroundTask.of("Opening " + entry.name(), (progress, cancellation) -> {
            Path folder = Files.createTempDirectory("cairn-open-");
            try {
                current.copyTo(entry.path(), folder.resolve(entry.name()), progress, cancellation);
                opener.open(folder.resolve(entry.name()));
            } catch (IOException | RuntimeException e) {
                deleteTree(folder); // nothing was opened, so nobody needs the copy
                throw e;
            }
            return folder;
        }).busy(copying));
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Copies a file or folder to {@code target} in the background; it appears there whole or not at all. */
    public void download(Entry entry, Path target) {
        RunArtifacts current = artifacts;
        tasks.execute(BackgroundTask.of("Downloading " + entry.name(), (progress, cancellation) -> {
            current.copyTo(entry.path(), target, progress, cancellation);
            return target;
        }).busy(copying).onSuccess(saved -> notifier.info("Saved " + entry.name() + " to " + saved)));
    }

    /** The run's top-level artifacts. */
    public ObservableList<Entry> top() {
        return top;
    }

    /** Why there is nothing to browse, or null when there is. */
    public ReadOnlyStringProperty emptyMessage() {
        return emptyMessage.getReadOnlyProperty();
    }

    /** The entry chosen in the tree; setting it loads its preview. */
    public ObjectProperty<Entry> selected() {
        return selected;
    }

    /** The chosen file's preview, null while it loads or when nothing is chosen. */
    public ReadOnlyObjectProperty<ArtifactPreview> preview() {
        return preview;
    }

    public BooleanProperty listing() {
        return listing;
    }

    public BooleanProperty previewing() {
        return previewing;
    }

    /** True while a file is copied for opening or downloading. */
    public BooleanProperty copying() {
        return copying;
    }
}
