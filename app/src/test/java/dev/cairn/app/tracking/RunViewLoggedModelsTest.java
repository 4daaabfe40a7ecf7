package dev.cairn.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.tracking.LoggedModel;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.ModelMetric;
import dev.cairn.core.tracking.ModelOutput;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The run page lists the MLflow 3 logged models the run produced and used, with their metrics and versions. */
@ExtendWith(ApplicationExtension.class)
class RunViewLoggedModelsTest {

    private Workspace workspace;
    private AppServices services;
    private RunViewModel model;
    private String runId;
    private String producedId;

    @Start
    void start(Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-run-models-test-"));
        services = new AppServices(workspace);
        TrackingServices tracking = services.tracking();
        runId = tracking.runs().create("0", "ana", "rf", 1_700_000_000_000L, Map.of()).info().runId();
        LoggedModel produced = tracking.loggedModels().create("0", "model", null, runId, Map.of("max_depth", "5"),
                Map.of("mlflow.modelVersions", "[{\"name\": \"iris\", \"version\": \"1\"}, {\"name\": \"iris\", "
                        + "\"version\": \"1\"}]"));
        producedId = produced.modelId();
        tracking.loggedModels().finalizeModel(producedId, "LOGGED_MODEL_READY");
        tracking.modelLinks().logOutputs(runId, List.of(new ModelOutput(producedId, 0)));
        Metric f1 = new Metric("f1", 0.9, 1_700_000_000_100L, 0);
        tracking.log().logBatch(runId, List.of(f1), List.of(), List.of(),
                List.of(new ModelMetric(producedId, f1, "val", "3f2a", runId)));
        Path files = tracking.artifacts().resolve("0/models/" + producedId + "/artifacts");
        Files.createDirectories(files);
        Files.writeString(files.resolve("MLmodel"), "model_id: " + producedId + "\n");
        String other = tracking.runs().create("0", "ana", "earlier", 1_600_000_000_000L, Map.of()).info().runId();
        LoggedModel used = tracking.loggedModels().create("0", "baseline", "sklearn", other, Map.of(), Map.of());
        tracking.log().logInputs(runId, List.of(), List.of(used.modelId()));
        model = new RunViewModel(tracking, services.tasks(), services.notifier());
        stage.setScene(new Scene(new RunView(model, () -> { }), 1200, 800));
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
    void theOverviewListsTheRunsLoggedModels(FxRobot robot) {
        FxWait.until(() -> model.run().get() != null && model.loggedModels().size() == 2);
        robot.clickOn("Overview");
        @SuppressWarnings("unchecked")
        TableView<RunLoggedModels.Row> table = robot.lookup("#run-logged-models").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(2);
        RunLoggedModels.Row produced = table.getItems().get(0);
        assertThat(produced.modelId()).isEqualTo(producedId);
        assertThat(produced.name()).isEqualTo("model");
        assertThat(produced.role()).isEqualTo("output, step 0");
        assertThat(produced.status()).isEqualTo("ready");
        assertThat(produced.params()).isEqualTo("max_depth=5");
        assertThat(produced.metrics()).isEqualTo("f1=0.9 (val)");
        assertThat(produced.files()).isEqualTo(1);
        assertThat(produced.registered()).isEqualTo("iris v1");
        RunLoggedModels.Row used = table.getItems().get(1);
        assertThat(used.name()).isEqualTo("baseline");
        assertThat(used.role()).isEqualTo("input");
        assertThat(used.status()).isEqualTo("pending");
    }
}
