package dev.cairn.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.demo.DemoContent;
import dev.cairn.app.gui.MainWindow;
import dev.cairn.app.shell.Section;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.core.dashboard.WorkspaceOverview;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dashboard on a workspace filled by the demo: tiles show its content, follow changes, and open sections. */
@ExtendWith(ApplicationExtension.class)
class DashboardViewTest {

    private Workspace workspace;
    private AppServices services;
    private MainWindow window;
    private DemoContent.Summary demo;

    @Start
    void start(javafx.stage.Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-dashboard-test-"));
        demo = new DemoContent(workspace, Clock.systemUTC()).fill(ProgressListener.NONE, Cancellation.NEVER);
        services = new AppServices(workspace);
        window = new MainWindow(stage, services, UiPreferences.DEFAULT);
        stage.setWidth(1300);
        stage.setHeight(850);
        stage.show();
    }

    @AfterEach
    void close() {
        services.close();
        workspace.close();
        TestFiles.deleteRecursively(workspace.home());
    }

    @Test
    void tilesShowTheDemoAndOpenTheirSections(FxRobot robot) {
        DashboardView view = robot.lookup("#view-dashboard").queryAs(DashboardView.class);
        FxWait.until(() -> view.overview() != null);
        WorkspaceOverview overview = view.overview();
        assertThat(overview.runsThisWeek()).isEqualTo(demo.runs());
        assertThat(overview.experiments()).extracting(WorkspaceOverview.ExperimentBest::experiment)
                .containsExactlyInAnyOrder("iris-search", "churn-baselines");
        // Held-out metrics are preferred when every run logged several: accuracy is best high.
        WorkspaceOverview.ExperimentBest search = overview.experiments().stream()
                .filter(e -> e.experiment().equals("iris-search")).findFirst().orElseThrow();
        assertThat(search.metric()).isEqualTo("val_accuracy");
        assertThat(search.lowerIsBetter()).isFalse();
        assertThat(overview.versionsByStage()).containsEntry("Production", 1).containsEntry("Staging", 1)
                .containsEntry("None", 1);
        assertThat(overview.aliases()).isEqualTo(1);
        assertThat(overview.benchmarks()).hasSize(3).allSatisfy(b -> assertThat(b.p99Millis()).isPositive());
        assertThat(overview.drift()).singleElement().satisfies(d -> assertThat(d.datasetDrift())
                .isEqualTo(demo.datasetDrift()));
        assertThat(view.tileText("dashboard-tile-runs")).isEqualTo(demo.runs() + " runs in 7 days");

        // A run logged elsewhere shows within the dashboard's next read.
        String experiment = services.tracking().experiments().create("new-work", null, java.util.Map.of());
        services.tracking().runs().create(experiment, "ana", "fresh", System.currentTimeMillis(), java.util.Map.of());
        FxWait.until(() -> view.overview().runsThisWeek() == demo.runs() + 1);

        robot.clickOn("#dashboard-tile-drift");
        FxWait.until(() -> window.shell().selectedProperty().get() == Section.DRIFT);
        robot.interact(() -> window.shell().selectedProperty().set(Section.DASHBOARD));
        robot.clickOn("#dashboard-tile-models");
        FxWait.until(() -> window.shell().selectedProperty().get() == Section.MODELS);
    }
}
