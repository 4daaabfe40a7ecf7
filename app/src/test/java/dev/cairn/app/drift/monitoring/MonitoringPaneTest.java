package dev.cairn.app.drift.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.FxWait;
import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.FxTaskExecutor;
import dev.cairn.core.monitoring.PredictionMonitor;
import dev.cairn.core.monitoring.WindowDrift;
import dev.cairn.core.testing.IrisTraffic;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.runtime.server.ModelServer;
import io.fair_acc.dataset.DataSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The monitoring pane against a real model server: pull, analyse, see the timeline and get notified of drift. */
@ExtendWith(ApplicationExtension.class)
class MonitoringPaneTest {

    private Path home;
    private Workspace workspace;
    private FxTaskExecutor tasks;
    private final Notifier notifier = new Notifier();
    private final List<Throwable> unhandled = new ArrayList<>();
    private MonitoringPane pane;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("cairn-monitor-gui-test-");
        workspace = Workspace.open(home.resolve("home"));
        tasks = new FxTaskExecutor(unhandled::add, message -> { });
        pane = new MonitoringPane(PredictionMonitor.of(workspace.store(), Clock.systemUTC()), tasks, notifier);
        stage.setScene(new Scene(pane, 1100, 800));
        stage.show();
        pane.load();
    }

    @AfterEach
    void close() {
        tasks.close();
        workspace.close();
        TestFiles.deleteRecursively(home);
    }

    @Test
    void pullAnalyseAndBeToldAboutTheDriftedWindows(FxRobot robot) throws Exception {
        IrisTraffic traffic = new IrisTraffic(11);
        Path reference = IrisTraffic.writeCsv(home.resolve("reference.csv"), traffic.rows(300, false));
        try (ModelServer server = IrisTraffic.startServer(home.resolve("log"))) {
            traffic.send(server.baseUri(), traffic.rows(200, false), 20);
            traffic.send(server.baseUri(), traffic.rows(100, true), 20);
            robot.interact(() -> {
                robot.lookup("#monitor-source").queryAs(ComboBox.class).getEditor()
                        .setText(server.baseUri().toString());
                robot.lookup("#monitor-reference").queryAs(TextField.class).setText(reference.toString());
                robot.lookup("#monitor-window").queryAs(ComboBox.class).getEditor().setText("100");
            });
            robot.clickOn("#monitor-pull");
            FxWait.until(() -> pane.windowTable().getItems().size() == 3);
        }

        assertThat(unhandled).isEmpty();
        assertThat(robot.lookup("#monitor-error").queryAs(Label.class).getText()).isEmpty();
        assertThat(pane.windowTable().getItems()).extracting(WindowDrift::datasetDrift)
                .containsExactly(false, false, true);
        assertThat(robot.lookup("#monitor-status").queryAs(Label.class).getText())
                .startsWith("3 windows of 100 rows, 1 with dataset drift");
        List<DataSet> lines = pane.timeline().lineDataSets();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getDataCount()).isEqualTo(3);
        assertThat(lines.get(1).get(DataSet.DIM_Y, 0)).as("the threshold line").isEqualTo(0.5);
        assertThat(pane.timeline().markerDataSets().get(0).getDataCount()).as("one red marker").isEqualTo(1);
        assertThat(pane.columnTable().getItems()).as("the newest window's columns").hasSize(4);
        assertThat(notifier.current().get()).isNotNull();
        assertThat(notifier.current().get().severity()).isEqualTo(Notifier.Severity.WARNING);
        assertThat(notifier.current().get().text()).startsWith("Drift in " + pane.model().source().get()
                + ": dataset drift: ");
        assertThat(pane.model().sources()).containsExactly(pane.model().source().get());

        // Analysing again finds the same windows but raises no new alert.
        robot.interact(notifier::dismiss);
        robot.clickOn("#monitor-analyse");
        FxWait.until(() -> !pane.model().busy().get() && pane.model().progress().get() == 1);
        assertThat(notifier.current().get()).isNull();
    }

    @Test
    void anUnreachableServerIsShownInThePane(FxRobot robot) {
        robot.interact(() -> robot.lookup("#monitor-source").queryAs(ComboBox.class).getEditor()
                .setText("http://127.0.0.1:1"));
        robot.clickOn("#monitor-pull");
        Label error = robot.lookup("#monitor-error").queryAs(Label.class);
        FxWait.until(() -> !error.getText().isEmpty());
        assertThat(error.getText()).startsWith("Cannot reach http://127.0.0.1:1");
        assertThat(robot.lookup("#monitor-pull").query().isDisabled()).isFalse();
        assertThat(unhandled).isEmpty();
    }
}
