package dev.cairn.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.RunStatus;
import dev.cairn.core.tracking.Tag;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The run table's columns (min, max, best step; chosen and remembered per experiment), sorting in the store,
 * nested runs, tagging and deleting, and following runs in progress, on a real workspace.
 */
@ExtendWith(ApplicationExtension.class)
class RunTableTest {

    private Workspace workspace;
    private AppServices services;
    private TrackingServices tracking;
    private ExperimentsViewModel model;
    private String sweep;
    private String parent;
    private String live;

    @Start
    void start(Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-run-table-test-"));
        services = new AppServices(workspace);
        tracking = services.tracking();
        String experiment = tracking.experiments().create("tuning", null, Map.of());
        tracking.experiments().create("other", null, Map.of());
        parent = run(experiment, "search", 1000, Map.of(), 0.9, 0.5, 0.7);
        run(experiment, "trial-a", 1001, Map.of(RunRow.PARENT_TAG, parent), 0.8, 0.3, 0.4);
        run(experiment, "trial-b", 1002, Map.of(RunRow.PARENT_TAG, parent), 0.6, 0.2, 0.25);
        sweep = experiment;
        live = tracking.runs().create(experiment, "ana", "training", 1003L, Map.of()).info().runId();
        tracking.log().logMetric(live, new Metric("loss", 1.0, 1, 0));
        model = new ExperimentsViewModel(tracking, services.tasks(), services.notifier(), services.settings());
        ExperimentsView view = new ExperimentsView(model, () -> new RunViewModel(tracking, services.tasks(),
                services.notifier()), () -> new CompareViewModel(tracking, services.tasks()));
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
    }

    /** A finished run with a loss curve over three steps and an accuracy; returns its id. */
    private String run(String experiment, String name, long start, Map<String, String> tags, double... losses) {
        String id = tracking.runs().create(experiment, "ana", name, start, tags).info().runId();
        List<Metric> points = new java.util.ArrayList<>();
        for (int step = 0; step < losses.length; step++) {
            points.add(new Metric("loss", losses[step], start + step, step));
            points.add(new Metric("accuracy", 1 - losses[step], start + step, step));
        }
        tracking.log().logBatch(id, points, List.of(new Tag("lr", "0.0" + (start % 10 + 1))), List.of());
        tracking.runs().update(id, RunStatus.FINISHED, start + 100, null);
        return id;
    }

    private void open(FxRobot robot) {
        FxWait.until(() -> model.experiments().size() == 3);
        robot.interact(() -> model.selected().set(model.experiments().stream()
                .filter(e -> e.experimentId().equals(sweep)).findFirst().orElseThrow()));
        FxWait.until(() -> model.runs().size() == 4);
    }

    @Test
    void nestedRunsFollowTheirParentAndFold(FxRobot robot) {
        open(robot);
        assertThat(model.runs()).extracting(RunRow::name).containsExactly("training", "search", "trial-b", "trial-a");
        assertThat(model.depth(model.runs().get(2).runId())).isEqualTo(1);
        assertThat(model.hasChildren(parent)).isTrue();

        robot.interact(() -> model.toggle(parent));
        assertThat(model.runs()).extracting(RunRow::name).containsExactly("training", "search");
        assertThat(model.isCollapsed(parent)).isTrue();
        robot.interact(() -> model.toggle(parent));
        assertThat(model.runs()).hasSize(4);
    }

    @Test
    void minMaxAndBestStepColumnsAreChosenAndRememberedPerExperiment(FxRobot robot) {
        open(robot);
        robot.interact(() -> model.chooseColumns(new RunColumns(Map.of("loss", EnumSet.allOf(RunColumns.Figure.class),
                "accuracy", EnumSet.of(RunColumns.Figure.BEST_STEP)), List.of("lr"), List.of())));
        TableView<RunRow> table = table(robot);
        FxWait.until(() -> header(table, "loss min") != null);
        int search = indexOf("search");
        assertThat(cell(table, "loss", search)).isEqualTo(0.7); // the last value
        assertThat(cell(table, "loss min", search)).isEqualTo(0.5);
        assertThat(cell(table, "loss max", search)).isEqualTo(0.9);
        assertThat(cell(table, "loss best step", search)).isEqualTo(1L);
        assertThat(cell(table, "accuracy best step", search)).isEqualTo(1L);
        assertThat(header(table, "lr")).isNotNull();
        assertThat(header(table, "accuracy")).isNull(); // only its best step was chosen

        // Another experiment has its own (default) columns; coming back brings the choice back, from the store.
        robot.interact(() -> model.selected().set(model.experiments().stream()
                .filter(e -> e.name().equals("other")).findFirst().orElseThrow()));
        FxWait.until(() -> header(table, "loss min") == null);
        robot.interact(() -> model.selected().set(model.experiments().stream()
                .filter(e -> e.experimentId().equals(sweep)).findFirst().orElseThrow()));
        FxWait.until(() -> header(table, "loss min") != null);
        assertThat(services.settings().get("tracking.run-table.columns." + sweep)).isPresent();
    }

    @Test
    void headersSortInTheStoreAndSelectedRunsAreTaggedAndDeleted(FxRobot robot) {
        open(robot);
        robot.interact(() -> model.sortBy(List.of("metrics.`loss` ASC")));
        FxWait.until(() -> model.runs().size() == 4 && model.runs().get(0).name().equals("search")
                || model.runs().size() == 4 && model.orderBy().size() == 1);
        // trial-b's last loss (0.25) is the lowest; nested runs still follow their parent, so the parent leads.
        assertThat(model.orderBy()).containsExactly("metrics.`loss` ASC");
        assertThat(model.runs()).extracting(RunRow::name).containsExactly("search", "trial-b", "trial-a", "training");

        List<RunRow> trials = model.runs().stream().filter(r -> r.name().startsWith("trial")).toList();
        robot.interact(() -> model.tagRuns(trials, "reviewed", "yes"));
        FxWait.until(() -> model.runs().stream().filter(r -> r.name().startsWith("trial"))
                .allMatch(r -> "yes".equals(r.tags().get("reviewed"))));
        assertThat(model.tagKeys()).contains("reviewed");
        robot.interact(() -> model.deleteRuns(trials));
        FxWait.until(() -> model.runs().size() == 2);
        assertThat(tracking.runs().get(trials.get(0).runId()).info().lifecycleStage().name()).isEqualTo("DELETED");
    }

    @Test
    void aRunInProgressUpdatesInPlaceAndANewRunAppears(FxRobot robot) {
        open(robot);
        assertThat(row("training").metrics()).containsEntry("loss", 1.0);
        TableView<RunRow> table = table(robot);
        robot.interact(() -> {
            table.getSelectionModel().select(indexOf("search"));
            table.getSelectionModel().select(indexOf("trial-a"));
        });

        tracking.log().logMetric(live, new Metric("loss", 0.4, 2, 1));
        FxWait.until(() -> row("training").metrics().get("loss") == 0.4);
        assertThat(table.getSelectionModel().getSelectedItems()).extracting(RunRow::name)
                .containsExactlyInAnyOrder("search", "trial-a");
        assertThat(row("training").ranges().get("loss").min()).isEqualTo(0.4);

        tracking.runs().create(sweep, "ana", "second-training", 5000L, Map.of());
        FxWait.until(() -> model.runs().size() == 5);
        assertThat(model.runs().get(0).name()).isEqualTo("second-training");
        // Following runs in progress never drops what the user selected.
        assertThat(table.getSelectionModel().getSelectedItems()).extracting(RunRow::name)
                .containsExactlyInAnyOrder("search", "trial-a");
    }

    private RunRow row(String name) {
        return model.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private int indexOf(String name) {
        return model.runs().indexOf(row(name));
    }

    @SuppressWarnings("unchecked")
    private static TableView<RunRow> table(FxRobot robot) {
        return robot.lookup("#run-table").queryAs(TableView.class);
    }

    private static TableColumn<RunRow, ?> header(TableView<RunRow> table, String title) {
        return table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElse(null);
    }

    private static Object cell(TableView<RunRow> table, String title, int row) {
        return header(table, title).getCellData(row);
    }
}
