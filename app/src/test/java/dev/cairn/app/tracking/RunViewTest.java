package dev.cairn.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.charts.MetricChart;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.Tag;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import io.fair_acc.dataset.DataSet;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A run page on a real workspace: every point reaches the charts, the x axis switches, edits are stored. */
@ExtendWith(ApplicationExtension.class)
class RunViewTest {

    private static final int STEPS = 20_000;

    private Workspace workspace;
    private AppServices services;
    private RunViewModel model;
    private RunView view;
    private String runId;

    @Start
    void start(Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-run-test-"));
        services = new AppServices(workspace);
        TrackingServices tracking = services.tracking();
        runId = tracking.runs().create("0", "ana", "long-run", 1_700_000_000_000L, Map.of("mlflow.source.name", "train.py"))
                .info().runId();
        for (int from = 0; from < STEPS; from += 400) {
            List<Metric> batch = new ArrayList<>();
            for (int step = from; step < from + 400; step++) {
                batch.add(new Metric("loss", step == 12_345 ? 99.0 : 1.0 / (step + 1), 1_700_000_000_000L + step * 10L, step));
                batch.add(new Metric("accuracy", step / (double) STEPS, 1_700_000_000_000L + step * 10L, step));
            }
            tracking.log().logBatch(runId, batch, from == 0 ? List.of(new Tag("lr", "0.01")) : List.of(), List.of());
        }
        model = new RunViewModel(tracking, services.tasks(), services.notifier());
        view = new RunView(model, () -> { });
        stage.setScene(new Scene(view, 1200, 800));
        stage.show();
        model.open(runId);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(model::close);
        WaitForAsyncUtils.waitForFxEvents();
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
    }

    @Test
    void everyPointReachesItsChartAndTheXAxisSwitches(FxRobot robot) {
        FxWait.until(() -> view.charts().size() == 2);
        MetricChart loss = view.charts().stream().filter(c -> c.getId().equals("chart-loss")).findFirst().orElseThrow();
        DataSet drawn = loss.datasets().get(0);
        assertThat(drawn.getDataCount()).isEqualTo(STEPS);
        assertThat(drawn.get(DataSet.DIM_Y, 12_345)).isEqualTo(99.0);
        assertThat(loss.summaryText()).contains("max 99 at 12345", "20,000 points");

        robot.interact(() -> model.xAxis().set(XAxisMode.RELATIVE_TIME));
        assertThat(loss.datasets().get(0).get(DataSet.DIM_X, 100)).isEqualTo(1.0);
        robot.interact(() -> model.xAxis().set(XAxisMode.WALL_TIME));
        assertThat(loss.datasets().get(0).get(DataSet.DIM_X, 0)).isEqualTo(1_700_000_000.0);

        robot.interact(() -> model.smoothing().set(0.9));
        assertThat(loss.datasets()).hasSize(2);
        robot.interact(() -> model.smoothing().set(0));
        assertThat(loss.datasets()).hasSize(1);
    }

    @Test
    void pointsLoggedWhileTheRunIsOpenAreAppendedLive(FxRobot robot) {
        FxWait.until(() -> view.charts().size() == 2);
        MetricChart loss = view.charts().stream().filter(c -> c.getId().equals("chart-loss")).findFirst().orElseThrow();
        DataSet drawn = loss.datasets().get(0);
        List<Metric> more = new ArrayList<>();
        for (int step = STEPS; step < STEPS + 50; step++) {
            more.add(new Metric("loss", 0.5, 1_700_000_000_000L + step * 10L, step));
        }
        services.tracking().log().logBatch(runId, more, List.of(), List.of());

        FxWait.until(() -> drawn.getDataCount() == STEPS + 50);
        assertThat(loss.datasets().get(0)).as("the same dataset grew: appended, not rebuilt").isSameAs(drawn);
        assertThat(loss.summaryText()).contains("20,050 points");

        services.tracking().log().logMetric(runId, new Metric("lr", 0.001, 1_700_000_000_000L, 0));
        FxWait.until(() -> view.charts().size() == 3);
    }

    @Test
    void overviewShowsTheRunAndStoresTheDescription(FxRobot robot) {
        FxWait.until(() -> model.run().get() != null);
        robot.clickOn("Overview");
        assertThat(robot.lookup("#run-fact-status").queryAs(Label.class).getText()).isEqualTo("RUNNING");
        assertThat(robot.lookup("#run-fact-source").queryAs(Label.class).getText()).contains("train.py");
        robot.interact(() -> model.description().set("Baseline with a lower learning rate."));
        robot.interact(model::saveDescription);
        FxWait.until(() -> "Baseline with a lower learning rate.".equals(
                services.tracking().runs().get(runId).tags().get(RunViewModel.DESCRIPTION_TAG)));
    }

}
