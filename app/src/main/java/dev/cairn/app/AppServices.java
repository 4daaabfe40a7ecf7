package dev.cairn.app;

import dev.cairn.app.drop.DropRouter;
import dev.cairn.app.shell.DialogService;
import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.FxTaskExecutor;
import dev.cairn.core.settings.SettingStore;
import dev.cairn.core.workspace.Workspace;

/**
 * The composition root: every service the GUI uses, built once from an open workspace and
 * handed to view models through their constructors.
 */
public final class AppServices implements AutoCloseable {

    private final Workspace workspace;
    private final SettingStore settings;
    private final Notifier notifier = new Notifier();
    private final DialogService dialogs = new DialogService();
    private final FxTaskExecutor tasks = new FxTaskExecutor(dialogs::showError);
    private final DropRouter drops = new DropRouter(notifier::warn);

    public AppServices(Workspace workspace) {
        this.workspace = workspace;
        this.settings = new SettingStore(workspace.store());
    }

    public Workspace workspace() {
        return workspace;
    }

    public SettingStore settings() {
        return settings;
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

    /** Stops background work; the workspace stays open for whoever opened it to close. */
    @Override
    public void close() {
        tasks.close();
    }
}
