package dev.cairn.app.settings;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.shell.Theme;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.core.settings.SettingStore;
import dev.cairn.core.workspace.Workspace;
import javafx.beans.property.ObjectProperty;

/** The settings a user changes in the app; each change is applied at once and stored in the background. */
public final class SettingsViewModel {

    private final ObjectProperty<Theme> theme;
    private final Workspace workspace;

    /**
     * @param theme the window's theme; changing it here restyles the window and is remembered
     */
    public SettingsViewModel(ObjectProperty<Theme> theme, Workspace workspace, SettingStore settings,
                             TaskExecutor tasks, Notifier notifier) {
        this.theme = theme;
        this.workspace = workspace;
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
}
