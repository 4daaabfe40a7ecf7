package dev.cairn.app.gui;

import dev.cairn.app.AppServices;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.core.error.CairnException;
import dev.cairn.core.settings.SettingStore;
import dev.cairn.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workbench's life on the calling (main) thread: opens the workspace while JavaFX starts,
 * shows the window, and after it closes saves the preferences and closes the workspace. The JavaFX
 * thread only builds and updates nodes; it never waits on the database.
 */
public final class GuiLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(GuiLauncher.class);

    private GuiLauncher() {
    }

    /**
     * Shows the workbench on the data directory {@code home}, opening {@code files} as if dropped on it (a file
     * manager's "Open with", or {@code cairn model.onnx}); returns the exit code when it closes.
     */
    public static int launch(Path home, java.util.List<Path> files) {
        startJavaFx();
        CompletableFuture<Workspace> opening = CompletableFuture.supplyAsync(() -> Workspace.open(home));
        Platform.setImplicitExit(false);
        try {
            Workspace workspace = opening.join();
            try (workspace; AppServices services = new AppServices(workspace)) {
                UiPreferences atClose = showUntilClosed(services, UiPreferences.load(services.settings()), files);
                save(atClose, services.settings());
            }
            return 0;
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CairnException problem) {
                LOG.warn("Cannot open {}: {}", home, problem.getMessage());
                awaitOnFx(closed -> StartupErrorWindow.show(home, problem.getMessage(), closed::countDown));
                return 1;
            }
            throw e;
        } finally {
            Platform.exit();
        }
    }

    private static void startJavaFx() {
        try {
            Platform.startup(() -> { });
        } catch (UnsupportedOperationException e) {
            throw new CairnException("Cannot open the workbench window (" + e.getMessage() + "). It needs a graphical "
                    + "desktop; headless commands work without one: see 'cairn --help'.", e);
        }
    }

    private static UiPreferences showUntilClosed(AppServices services, UiPreferences preferences,
            java.util.List<Path> files) {
        AtomicReference<UiPreferences> atClose = new AtomicReference<>(preferences);
        awaitOnFx(closed -> {
            Thread.currentThread().setUncaughtExceptionHandler((thread, failure) -> services.dialogs().showError(failure));
            MainWindow window = new MainWindow(new Stage(), services, preferences);
            window.stage().setOnHidden(event -> {
                atClose.set(window.preferences());
                closed.countDown();
            });
            window.stage().show();
            if (!files.isEmpty()) {
                Platform.runLater(() -> services.drops().route(files));
            }
        });
        return atClose.get();
    }

    /** Runs {@code show} on the JavaFX thread and waits (here, off it) until it counts the latch down. */
    private static void awaitOnFx(java.util.function.Consumer<CountDownLatch> show) {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> show.accept(closed));
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void save(UiPreferences preferences, SettingStore settings) {
        try {
            preferences.save(settings);
        } catch (CairnException e) {
            LOG.warn("Could not remember the window's theme and geometry: {}", e.getMessage());
        }
    }
}
