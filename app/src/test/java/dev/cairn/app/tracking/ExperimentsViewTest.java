package dev.cairn.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.Tag;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Experiments section on a real workspace seeded with runs, driven headless. */
@ExtendWith(ApplicationExtension.class)
class ExperimentsViewTest {

    private Workspace workspace;
    private AppServices services;
    private ExperimentsViewModel model;
    private String experimentId;
    private ExperimentsView view;

    @Start
    void start(Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-experiments-test-"));
        services = new AppServices(workspace);
        TrackingServices tracking = services.tracking();
        experimentId = tracking.experiments().create("churn", null, Map.of());
        for (int i = 0; i < 505; i++) {
            String run = tracking.runs().create(experimentId, "ana", "run-" + i, 1000L + i, Map.of()).info().runId();
            tracking.log().logBatch(run, List.of(new Metric("rmse", i / 100.0, 1, 0)),
                    List.of(new Tag("depth", Integer.toString(i % 4))), List.of());
        }
        model = new ExperimentsViewModel(tracking, services.tasks(), services.notifier(), services.settings());
        view = new ExperimentsView(model, () -> new RunViewModel(tracking, services.tasks(), services.notifier()),
                () -> new CompareViewModel(tracking, services.tasks()));
        stage.setScene(new Scene(view, 1100, 700));
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
    }

    @Test
    void opensAnExperimentAndPagesThroughItsRuns(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ListView<Object> experiments = robot.lookup("#experiment-list").queryAs(ListView.class);
        FxWait.until(() -> experiments.getItems().size() == 2);
        robot.clickOn("churn");
        TableView<RunRow> table = runTable(robot);
        FxWait.until(() -> table.getItems().size() == 500);
        assertThat(table.getItems().get(0).name()).isEqualTo("run-504");
        assertThat(table.getColumns()).extracting(column -> column.getText()).contains("rmse", "depth");
        assertThat(robot.lookup("#run-count").queryAs(Label.class).getText()).isEqualTo("500 runs loaded, more to load");

        robot.clickOn("#run-load-more");
        FxWait.until(() -> table.getItems().size() == 505);
        assertThat(robot.lookup("#run-count").queryAs(Label.class).getText()).isEqualTo("505 runs");
    }

    @Test
    void filterUsesMlflowsGrammarAndShowsErrorsInline(FxRobot robot) {
        FxWait.until(() -> model.experiments().size() == 2);
        robot.interact(() -> model.selected().set(model.experiments().stream()
                .filter(e -> e.experimentId().equals(experimentId)).findFirst().orElseThrow()));
        TableView<RunRow> table = runTable(robot);
        FxWait.until(() -> table.getItems().size() == 500);

        robot.interact(() -> model.runFilter().set("metrics.rmse >= 5 AND params.depth = '0'"));
        robot.clickOn("#run-filter").type(javafx.scene.input.KeyCode.ENTER);
        FxWait.until(() -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(RunRow::name).containsExactly("run-504", "run-500");

        robot.interact(() -> model.runFilter().set("metrics.rmse ~ 1"));
        robot.clickOn("#run-filter").type(javafx.scene.input.KeyCode.ENTER);
        Label error = robot.lookup("#run-filter-error").queryAs(Label.class);
        FxWait.until(() -> !error.getText().isEmpty());
        assertThat(error.getText()).contains("position 13", "expected a comparator");
        assertThat(error.isVisible()).isTrue();
        assertThat(robot.lookup("#run-table-empty").queryAs(Label.class).getText()).isEqualTo("No runs match this filter.");
    }

    @Test
    void comparesSelectedRunsWithParamDiffAndOverlaidMetrics(FxRobot robot) {
        FxWait.until(() -> model.experiments().size() == 2);
        robot.interact(() -> model.selected().set(model.experiments().stream()
                .filter(e -> e.experimentId().equals(experimentId)).findFirst().orElseThrow()));
        TableView<RunRow> table = runTable(robot);
        FxWait.until(() -> table.getItems().size() == 500);
        robot.interact(() -> table.getSelectionModel().selectIndices(0, 1, 4));
        robot.clickOn("#run-compare");
        FxWait.until(() -> robot.lookup("#view-compare").tryQuery().isPresent());
        CompareView compare = robot.lookup("#view-compare").queryAs(CompareView.class);
        FxWait.until(() -> compare.charts().size() == 1);
        assertThat(compare.charts().get(0).datasets()).hasSize(3);
        @SuppressWarnings("unchecked")
        TableView<CompareViewModel.ParamRow> params = robot.lookup("#compare-params").queryAs(TableView.class);
        // runs 504, 503 and 500 have depth 0, 3 and 0: the param differs, so it is listed and marked
        assertThat(params.getItems()).singleElement().satisfies(row -> {
            assertThat(row.key()).isEqualTo("depth");
            assertThat(row.values()).containsExactly("0", "3", "0");
            assertThat(row.differs()).isTrue();
        });
        // The scatter puts each run at (depth, rmse); the parallel plot runs a line per run through both.
        FxWait.until(() -> compare.scatterChart().datasets().size() == 3);
        assertThat(compare.scatterChart().datasets()).extracting(set -> set.get(io.fair_acc.dataset.DataSet.DIM_X, 0))
                .containsExactly(0.0, 3.0, 0.0);
        assertThat(compare.scatterChart().datasets()).extracting(set -> set.get(io.fair_acc.dataset.DataSet.DIM_Y, 0))
                .containsExactly(5.04, 5.03, 5.0);
        assertThat(compare.parallelChart().dimensions()).containsExactly("param depth", "rmse");
        assertThat(compare.parallelChart().lines()).hasSize(3);
        assertThat(compare.parallelChart().lines().get(1).values()).containsExactly(3.0, 5.03);
    }

    @Test
    void createsAndDeletesExperiments(FxRobot robot) {
        FxWait.until(() -> model.experiments().size() == 2);
        robot.interact(() -> model.create("fraud"));
        FxWait.until(() -> model.experiments().stream().anyMatch(e -> e.name().equals("fraud")));
        robot.interact(() -> model.delete(model.experiments().stream().filter(e -> e.name().equals("fraud")).findFirst().orElseThrow()));
        FxWait.until(() -> model.experiments().stream().noneMatch(e -> e.name().equals("fraud")));
        robot.interact(() -> model.showDeleted().set(true));
        FxWait.until(() -> model.experiments().stream().anyMatch(e -> e.name().equals("fraud")));
    }

    @SuppressWarnings("unchecked")
    private static TableView<RunRow> runTable(FxRobot robot) {
        return robot.lookup("#run-table").queryAs(TableView.class);
    }

}
