package dev.cairn.app.settings;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.shell.Theme;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.app.task.Failures;
import dev.cairn.app.tracking.DesktopFileOpener;
import dev.cairn.app.tracking.FileOpener;
import dev.cairn.core.plugins.LoadedPlugin;
import dev.cairn.core.settings.SettingStore;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ObjectProperty;

/** The settings a user changes in the app; each change is applied at once and stored in the background. */
public final class SettingsViewModel {

    private final ObjectProperty<Theme> theme;
    private final Workspace workspace;
    private final TaskExecutor tasks;
    private final Notifier notifier;
    private final FileOpener opener;

    /**
     * @param theme the window's theme; changing it here restyles the window and is remembered
     */
    public SettingsViewModel(ObjectProperty<Theme> theme, Workspace workspace, SettingStore settings,
                             TaskExecutor tasks, Notifier notifier) {
        this(theme, workspace, settings, tasks, notifier, new DesktopFileOpener());
    }

    /** @param opener opens the plugins folder in the system's file manager */
    public SettingsViewModel(ObjectProperty<Theme> theme, Workspace workspace, SettingStore settings,
                             TaskExecutor tasks, Notifier notifier, FileOpener opener) {
        this.theme = theme;
        this.workspace = workspace;
        this.tasks = tasks;
        this.notifier = notifier;
        this.opener = opener;
        theme.addListener((observable, old, chosen) -> tasks.execute(
                BackgroundTask.of("Saving theme", (progress, cancellation) -> {
                    settings.put(UiPreferences.THEME, chosen.name());
                    return chosen;
                }).onSuccess(saved -> notifier.info(saved + " theme saved."))));
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public String dataDirectory() {
        return workspace.home().toString();
    }

    public String logsDirectory() {
        return workspace.logsDir().toString();
    }

    public String pluginsDirectory() {
        return workspace.pluginsDir().toString();
    }

    /** The plugin jars found when Cairn started, with what each provides and any reason it is not in use. */
    public List<LoadedPlugin> plugins() {
        return workspace.plugins().jars();
    }

    /** Opens the plugins folder in the file manager (made first if it was deleted). */
    public void openPluginsFolder() {
        Path folder = workspace.pluginsDir();
        tasks.execute(BackgroundTask.of("Opening the plugins folder", (progress, cancellation) -> {
            Files.createDirectories(folder);
            opener.open(folder);
            return folder;
        }).onError(Exception.class, e -> notifier.warn("Cannot open " + folder + ": " + Failures.message(e))));
    }
}
