package dev.cairn.app.dashboard;

import dev.cairn.app.format.ByteSize;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.core.workspace.WorkspaceSummary;
import dev.cairn.runtime.CairnVersion;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the dashboard shows about the open workspace, loaded in the background. */
public final class DashboardViewModel {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withZone(ZoneId.systemDefault());

    private final Workspace workspace;
    private final TaskExecutor tasks;
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty dataDirectory = new SimpleStringProperty("");
    private final StringProperty database = new SimpleStringProperty("…");
    private final StringProperty schema = new SimpleStringProperty("…");
    private final StringProperty created = new SimpleStringProperty("…");
    private final StringProperty artifacts = new SimpleStringProperty("…");
    private final String version = "Cairn " + CairnVersion.current() + " on Java " + System.getProperty("java.version");

    public DashboardViewModel(Workspace workspace, TaskExecutor tasks) {
        this.workspace = workspace;
        this.tasks = tasks;
        dataDirectory.set(workspace.home().toString());
    }

    /** Reads the workspace's figures again. */
    public void refresh() {
        tasks.execute(BackgroundTask.of("Reading workspace", (progress, cancellation) -> workspace.summary())
                .busy(busy)
                .onSuccess(this::show));
    }

    private void show(WorkspaceSummary summary) {
        database.set(ByteSize.format(summary.databaseBytes()) + " in " + summary.databaseFile().getFileName());
        schema.set(Integer.toString(summary.schemaVersion()));
        created.set(summary.createdAt() == null ? "unknown" : WHEN.format(summary.createdAt()));
        artifacts.set(summary.artifactFiles() + " files, " + ByteSize.format(summary.artifactBytes()));
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty dataDirectoryProperty() {
        return dataDirectory;
    }

    public ReadOnlyStringProperty databaseProperty() {
        return database;
    }

    public ReadOnlyStringProperty schemaProperty() {
        return schema;
    }

    public ReadOnlyStringProperty createdProperty() {
        return created;
    }

    public ReadOnlyStringProperty artifactsProperty() {
        return artifacts;
    }

    public String version() {
        return version;
    }
}
