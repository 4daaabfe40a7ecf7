package dev.cairn.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.shell.Section;
import dev.cairn.app.shell.Theme;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.app.task.BackgroundTask;
import dev.cairn.core.progress.OperationCancelledException;
import dev.cairn.core.store.CairnSchema;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window on a real workspace, driven headless through Monocle. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Path home;
    private Workspace workspace;
    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        home = Files.createTempDirectory("cairn-gui-test-");
        workspace = Workspace.open(home);
        services = new AppServices(workspace);
        window = new MainWindow(stage, services, UiPreferences.DEFAULT);
        stage.show();
    }

    @AfterEach
    void close() {
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
        TestFiles.deleteRecursively(home.resolveSibling(home.getFileName() + "-mlruns"));
    }

    @Test
    void windowIsTitledCairnAndOpensOnTheDashboardWithRealFigures(FxRobot robot) {
        assertThat(window.stage().getTitle()).isEqualTo("Cairn");
        assertThat(robot.lookup("#view-dashboard").tryQuery()).isPresent();
        WaitForAsyncUtils.waitForFxEvents();
        FxWait.until(() -> !robot.lookup("#fact-schema-version").queryAs(Label.class).getText().equals("…"));
        assertThat(robot.lookup("#fact-schema-version").queryAs(Label.class).getText()).isEqualTo(Integer.toString(CairnSchema.latestVersion()));
        assertThat(robot.lookup("#fact-data-directory").queryAs(Label.class).getText()).isEqualTo(home.toString());
    }

    @Test
    void sidebarSwitchesBetweenEverySection(FxRobot robot) {
        for (Section section : Section.values()) {
            robot.clickOn("#nav-" + section.id());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(visibleView(robot)).isEqualTo("view-" + section.id());
            assertThat(window.shell().selectedProperty().get()).isEqualTo(section);
        }
        robot.clickOn("#nav-drift");
        robot.clickOn("#nav-drift");
        assertThat(visibleView(robot)).as("clicking the selected section keeps it").isEqualTo("view-drift");
    }

    @Test
    void keyboardShortcutsSwitchSections(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visibleView(robot)).isEqualTo("view-models");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visibleView(robot)).isEqualTo("view-settings");
    }

    @Test
    void themeChoiceIsAppliedAndRemembered(FxRobot robot) {
        robot.clickOn("#nav-settings");
        robot.clickOn("#theme-dark");
        FxWait.until(() -> services.settings().get(UiPreferences.THEME).isPresent());
        assertThat(services.settings().get(UiPreferences.THEME)).contains("DARK");
        assertThat(window.preferences().theme()).isEqualTo(Theme.DARK);
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("dark");
        assertThat(robot.lookup("#theme-dark").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        robot.clickOn("#theme-light");
        FxWait.until(() -> services.settings().get(UiPreferences.THEME).orElse("").equals("LIGHT"));
    }

    @Test
    void unsupportedDroppedFileGetsAPlainNotification(FxRobot robot) {
        robot.interact(() -> services.drops().route(List.of(home.resolve("notes.txt"))));
        Label message = robot.lookup("#status-message").queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("Cairn can't open notes.txt: no feature takes this kind of file. "
                + "You can drop MLflow stores (an mlruns folder or mlflow.db), ONNX models (.onnx) or data files "
                + "(.csv, .tsv).");
        assertThat(message.getStyleClass()).contains("warning");
    }

    @Test
    void runningTaskShowsInTheStatusBarAndCanBeCancelled(FxRobot robot) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        robot.interact(() -> services.tasks().execute(BackgroundTask.of("Long work", (progress, cancellation) -> {
            started.countDown();
            for (int step = 0; step < 600; step++) {
                progress.progress(step, 600, "step " + step);
                if (cancellation.isCancelled()) {
                    sawCancel.set(true);
                    throw new OperationCancelledException();
                }
                Thread.sleep(50);
            }
            return null;
        }).andFinally(finished::countDown)));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status-tasks").lookup((Label label) -> label.getText().equals("Long work")).tryQuery())
                .isPresent();

        robot.clickOn(".cancel-task");
        assertThat(finished.await(5, TimeUnit.SECONDS)).as("andFinally runs after cancel").isTrue();
        FxWait.until(sawCancel::get);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(services.tasks().running()).isEmpty();
        assertThat(robot.lookup(".task-chip").tryQuery()).isEmpty();
    }

    @Test
    void droppedMlrunsFolderIsImportedInTheBackground(FxRobot robot) throws IOException {
        Path mlruns = home.resolveSibling(home.getFileName() + "-mlruns");
        Path experiment = Files.createDirectories(mlruns.resolve("5"));
        Files.writeString(experiment.resolve("meta.yaml"), "experiment_id: '5'\nname: dropped\nlifecycle_stage: active\n"
                + "creation_time: 1\nlast_update_time: 1\nartifact_location: file:///x\n");
        Path run = Files.createDirectories(experiment.resolve("0123456789abcdef0123456789abcdef"));
        Files.writeString(run.resolve("meta.yaml"), "run_id: 0123456789abcdef0123456789abcdef\nexperiment_id: '5'\n"
                + "status: 3\nstart_time: 1\nlifecycle_stage: active\nartifact_uri: file:///x\n");
        Files.createDirectories(run.resolve("metrics"));
        Files.writeString(run.resolve("metrics/loss"), "1 0.5 0\n2 0.25 1\n");

        robot.interact(() -> services.drops().route(List.of(mlruns)));
        Label message = robot.lookup("#status-message").queryAs(Label.class);
        FxWait.until(() -> message.getText().startsWith("Imported"));
        assertThat(message.getText()).isEqualTo("Imported " + mlruns.getFileName() + ": 1 runs, 2 metric points");
        assertThat(services.tracking().experiments().getByName("dropped").experimentId()).isEqualTo("5");
        robot.interact(() -> robot.listTargetWindows().stream()
                .filter(w -> w instanceof javafx.stage.Stage stage && stage.getTitle().equals("Cairn") && w != window.stage())
                .forEach(w -> ((javafx.stage.Stage) w).close()));
    }

    @Test
    void trackingServerStartsAndStopsFromSettings(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        robot.interact(() -> services.trackingServer().port().set(0));
        robot.clickOn("#server-toggle");
        FxWait.until(() -> services.trackingServer().server().get() != null);
        java.net.URI uri = services.trackingServer().server().get().uri();
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(uri.resolve("/api/2.0/mlflow/experiments/get?experiment_id=0")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("Default");
        assertThat(robot.lookup("#server-indicator").queryButton().getText()).isEqualTo("MLflow API " + uri);
        assertThat(robot.lookup("#server-uri").queryAs(Label.class).getText()).isEqualTo("export MLFLOW_TRACKING_URI=" + uri);

        robot.clickOn("#server-indicator");
        FxWait.until(() -> services.trackingServer().server().get() == null);
        assertThat(robot.lookup("#server-indicator").queryButton().getText()).isEqualTo("MLflow API off");
    }

    private static String visibleView(FxRobot robot) {
        Node content = robot.lookup("#content").query();
        return ((javafx.scene.layout.StackPane) content).getChildren().get(0).getId();
    }

}
