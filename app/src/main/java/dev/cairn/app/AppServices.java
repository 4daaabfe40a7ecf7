package dev.cairn.app;

import dev.cairn.app.drop.DropRouter;
import dev.cairn.app.shell.DialogService;
import dev.cairn.app.shell.UndoHistory;
import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.FxTaskExecutor;
import dev.cairn.app.tracking.MlflowImportDropHandler;
import dev.cairn.app.tracking.TrackingServerModel;
import dev.cairn.core.bench.BenchmarkStore;
import dev.cairn.core.drift.DatasetStore;
import dev.cairn.core.drift.DriftReportStore;
import dev.cairn.core.importer.MlflowImporter;
import dev.cairn.core.registry.RegistryServices;
import dev.cairn.core.settings.SettingStore;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.core.workspace.Workspace;
import java.time.Clock;

/**
 * The composition root: every service the GUI uses, built once from an open workspace and
 * handed to view models through their constructors.
 */
public final class AppServices implements AutoCloseable {

    private final Workspace workspace;
    private final SettingStore settings;
    private final Notifier notifier = new Notifier();
    private final DialogService dialogs = new DialogService();
    private final FxTaskExecutor tasks = new FxTaskExecutor(dialogs::showError, notifier::info);
    private final UndoHistory undo = new UndoHistory(tasks, notifier);
    private final DropRouter drops = new DropRouter(notifier::warn);
    private final TrackingServices tracking;
    private final RegistryServices registry;
    private final TrackingServerModel trackingServer;
    private final BenchmarkStore benchmarks;
    private final DatasetStore datasets;
    private final DriftReportStore driftReports;

    public AppServices(Workspace workspace) {
        this.workspace = workspace;
        this.settings = new SettingStore(workspace.store());
        this.tracking = TrackingServices.of(workspace);
        this.registry = RegistryServices.of(workspace, tracking);
        this.benchmarks = new BenchmarkStore(workspace.store(), Clock.systemUTC());
        this.datasets = new DatasetStore(workspace.store(), Clock.systemUTC());
        this.driftReports = new DriftReportStore(workspace.store(), Clock.systemUTC());
        this.trackingServer = new TrackingServerModel(tracking, registry.registry(), settings, tasks, notifier);
        drops.register(new MlflowImportDropHandler(MlflowImporter.of(workspace, tracking), tasks, notifier, dialogs));
    }

    /** The plugins folder's services, loaded with the workspace (before the window opens). */
    public Plugins plugins() {
        return workspace.plugins();
    }

    public TrackingServices tracking() {
        return tracking;
    }

    public RegistryServices registry() {
        return registry;
    }

    /** The in-app MLflow API; stopped until the user starts it. */
    public TrackingServerModel trackingServer() {
        return trackingServer;
    }

    /** Registered data files (drift references and current data). */
    public DatasetStore datasets() {
        return datasets;
    }

    /** Drift comparisons as they were run. */
    public DriftReportStore driftReports() {
        return driftReports;
    }

    /** Stored benchmark results. */
    public BenchmarkStore benchmarks() {
        return benchmarks;
    }

    public Workspace workspace() {
        return workspace;
    }

    public SettingStore settings() {
        return settings;
    }

    /** Saved edits Ctrl+Z takes back. */
    public UndoHistory undo() {
        return undo;
    }

    public Notifier notifier() {
        return notifier;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public FxTaskExecutor tasks() {
        return tasks;
    }

    public DropRouter drops() {
        return drops;
    }

    /** Stops the API server and background work; the workspace stays open for whoever opened it to close. */
    @Override
    public void close() {
        trackingServer.close();
        tasks.close();
    }
}
