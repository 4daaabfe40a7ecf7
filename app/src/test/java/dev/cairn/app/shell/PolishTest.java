package dev.cairn.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.gui.MainWindow;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.registry.RegisteredModel;
import dev.cairn.testdata.TestData;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What users expect of a desktop tool: the shortcuts card, undo of saved edits, a copyable error report. */
@ExtendWith(ApplicationExtension.class)
class PolishTest {

    private Workspace workspace;
    private AppServices services;
    private MainWindow window;

    @Start
    void start(javafx.stage.Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-polish-test-"));
        services = new AppServices(workspace);
        window = new MainWindow(stage, services, UiPreferences.DEFAULT);
        stage.show();
    }

    @AfterEach
    void close() {
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
    }

    @Test
    void f1ShowsEveryShortcutAndEscHidesIt(FxRobot robot) {
        robot.interact(() -> window.shortcuts().toggle());
        assertThat(window.shortcuts().isVisible()).isTrue();
        assertThat(ShortcutsOverlay.SHORTCUTS).extracting(ShortcutsOverlay.Shortcut::keys)
                .contains("F1", "Ctrl+Z", "Ctrl+Enter", "Esc", "Ctrl+Q");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        FxWait.until(() -> !window.shortcuts().isVisible());
    }

    @Test
    void aSavedDescriptionIsUndone(FxRobot robot) {
        services.registry().registration().register(TestData.model("tribuo_iris_lr.onnx"), "iris", null, "first",
                ProgressListener.NONE, Cancellation.NEVER);
        services.registry().registry().updateModelDescription("iris", "before");
        var models = new dev.cairn.app.registry.ModelsViewModel(services.registry(), services.tasks(),
                services.notifier(), services.undo());
        robot.interact(() -> models.select("iris", 1));
        FxWait.until(() -> models.model().get() != null);
        robot.interact(() -> models.saveDescription("iris", "after"));
        FxWait.until(() -> services.undo().canUndo().get());
        assertThat(description()).isEqualTo("after");
        assertThat(services.notifier().current().get().text()).contains("Ctrl+Z undoes it");

        robot.interact(() -> services.undo().undo());
        FxWait.until(() -> "before".equals(description()));
        FxWait.until(() -> services.notifier().current().get().text().startsWith("Undone: Changed the description"));
        robot.interact(() -> services.undo().undo());
        FxWait.until(() -> services.notifier().current().get().text().equals("Nothing to undo."));
    }

    @Test
    void aRunTagAndDescriptionAreUndone(FxRobot robot) {
        var tracking = services.tracking();
        String experiment = tracking.experiments().create("undo", null, java.util.Map.of());
        String runId = tracking.runs().create(experiment, "ana", "r", 1L, java.util.Map.of("stage", "draft"))
                .info().runId();
        var page = new dev.cairn.app.tracking.RunViewModel(tracking, services.tasks(), services.notifier())
                .withUndo(services.undo());
        robot.interact(() -> page.open(runId));
        FxWait.until(() -> page.run().get() != null);
        robot.interact(() -> page.setTag("stage", "reviewed"));
        FxWait.until(() -> "reviewed".equals(tracking.runs().get(runId).tags().get("stage")));
        FxWait.until(() -> services.undo().canUndo().get());
        robot.interact(() -> services.undo().undo());
        FxWait.until(() -> "draft".equals(tracking.runs().get(runId).tags().get("stage")));

        robot.interact(() -> page.setTag("owner", "ana"));
        FxWait.until(() -> services.undo().canUndo().get());
        robot.interact(() -> services.undo().undo());
        FxWait.until(() -> !tracking.runs().get(runId).tags().containsKey("owner"));
        page.close();
    }

    @Test
    void anUnexpectedErrorCarriesAReportWithVersionsAndTrace() {
        String report = DialogService.report("java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)");
        assertThat(report).startsWith("Cairn ").contains("Java " + System.getProperty("java.version"))
                .contains(System.getProperty("os.name")).endsWith("at x.y(Z.java:1)");
    }

    private String description() {
        RegisteredModel model = services.registry().registry().getModel("iris");
        return model.description();
    }
}
