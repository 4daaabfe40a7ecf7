package dev.cairn.app.tracking;

import dev.cairn.app.drop.DropHandler;
import dev.cairn.app.shell.DialogService;
import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.importer.ImportSummary;
import dev.cairn.core.importer.MlflowImporter;
import java.nio.file.Path;
import java.util.List;

/** Imports MLflow stores dropped on the window: an {@code mlruns} folder or an {@code mlflow.db} file. */
public final class MlflowImportDropHandler implements DropHandler {

    private final MlflowImporter importer;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final DialogService dialogs;

    public MlflowImportDropHandler(MlflowImporter importer, TaskExecutor tasks, Notifier notifier, DialogService dialogs) {
        this.importer = importer;
        this.tasks = tasks;
        this.notifier = notifier;
        this.dialogs = dialogs;
    }

    @Override
    public String accepts() {
        return "MLflow stores (an mlruns folder or mlflow.db)";
    }

    /** Decided by name only (this runs on the JavaFX thread); the import itself checks the contents. */
    @Override
    public boolean canOpen(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".db") || name.endsWith(".sqlite") || name.equals("mlruns") || !name.contains(".");
    }

    @Override
    public void open(List<Path> files) {
        for (Path store : files) {
            tasks.execute(BackgroundTask.of("Importing " + store.getFileName(),
                            (progress, cancellation) -> importer.importFrom(store, progress, cancellation))
                    .onSuccess((ImportSummary summary) -> {
                        notifier.info("Imported " + store.getFileName() + ": " + summary.runsImported() + " runs, "
                                + summary.metricPoints() + " metric points"
                                + (summary.loggedModels() == 0 ? "" : ", " + summary.loggedModels() + " logged models")
                                + (summary.modelVersions() == 0 ? "" : ", " + summary.modelVersions()
                                        + " registered versions")
                                + (summary.incomplete().isEmpty() ? "" : ", " + summary.incomplete().size()
                                        + " runs in part")
                                + (summary.skipped().isEmpty() ? "" : ", " + summary.skipped().size() + " items skipped"));
                        dialogs.showInformation("Import of " + store, summary.describe());
                    }));
        }
    }
}
