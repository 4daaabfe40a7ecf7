package dev.cairn.app.dashboard;

import dev.cairn.app.format.ByteSize;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.core.dashboard.WorkspaceOverview;
import dev.cairn.core.dashboard.WorkspaceOverviewReader;
import java.time.Clock;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.util.Duration;
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

/**
 * What the dashboard shows, read in the background: the workspace's overview (tracking, registry, deployments with
 * their health, drift, benchmarks) and its files. Read again every few seconds while the dashboard is on screen, so
 * it follows what happens elsewhere (a training logging runs, a benchmark finishing).
 */
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
    private final ObjectProperty<WorkspaceOverview> overview = new SimpleObjectProperty<>();
    private final ObjectProperty<Map<Long, DeploymentProbe.Health>> health = new SimpleObjectProperty<>(Map.of());
    private final WorkspaceOverviewReader reader;
    private final DeploymentProbe probe = new DeploymentProbe();
    private final Timeline follow = new Timeline(new KeyFrame(Duration.seconds(5), event -> refresh()));

    public DashboardViewModel(Workspace workspace, TaskExecutor tasks) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.reader = new WorkspaceOverviewReader(workspace.store(), Clock.systemUTC(), ZoneId.systemDefault());
        dataDirectory.set(workspace.home().toString());
        follow.setCycleCount(Animation.INDEFINITE);
    }

    /** Reads the workspace's figures again (skipped while a read is under way). */
    public void refresh() {
        if (busy.get()) {
            return;
        }
        tasks.execute(BackgroundTask.of("Reading workspace", (progress, cancellation) -> {
            WorkspaceOverview read = reader.read();
            Map<Long, DeploymentProbe.Health> answers = new java.util.LinkedHashMap<>();
            for (WorkspaceOverview.DeploymentState deployment : read.deployments()) {
                if (deployment.status().equals("RUNNING")) {
                    answers.put(deployment.id(), probe.probe(deployment.url()));
                }
            }
            return new Snapshot(read, answers, workspace.summary());
        }).busy(busy).onSuccess(snapshot -> {
            show(snapshot.summary());
            health.set(snapshot.health());
            overview.set(snapshot.overview());
        }));
    }

    private record Snapshot(WorkspaceOverview overview, Map<Long, DeploymentProbe.Health> health,
            WorkspaceSummary summary) {
    }

    /** Reads again every five seconds while shown, and stops while not. */
    public void follow(boolean shown) {
        if (shown) {
            refresh();
            follow.play();
        } else {
            follow.stop();
        }
    }

    /** The last overview read; null until the first read ends. */
    public ObjectProperty<WorkspaceOverview> overview() {
        return overview;
    }

    /** The health of each running deployment, by deployment id, as last probed. */
    ObjectProperty<Map<Long, DeploymentProbe.Health>> health() {
        return health;
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
