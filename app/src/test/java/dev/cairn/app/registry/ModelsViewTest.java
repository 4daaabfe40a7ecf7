package dev.cairn.app.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.gui.MainWindow;
import dev.cairn.app.shell.Section;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.Stage;
import dev.cairn.testdata.TestData;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Models section in the real main window: drop a model, see its version, inspect it, run it. */
@ExtendWith(ApplicationExtension.class)
class ModelsViewTest {

    private Workspace workspace;
    private AppServices services;
    private MainWindow window;

    @Start
    void start(javafx.stage.Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-models-test-"));
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
    void dropRegisterInspectAndRunAModel(FxRobot robot) {
        Path model = TestData.model("skl_rf_iris_treeensemble_zipmap.onnx");
        // What a drop of the file on the window does: the router hands it to the ONNX handler.
        robot.interact(() -> Platform.runLater(() -> services.drops().route(List.of(model))));
        FxWait.until(() -> robot.lookup("#register-name").tryQuery().isPresent());
        TextField name = robot.lookup("#register-name").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("skl_rf_iris_treeensemble_zipmap");
        robot.interact(() -> name.setText("iris-forest"));
        robot.clickOn("OK");

        FxWait.until(() -> window.shell().selectedProperty().get() == Section.MODELS);
        FxWait.until(() -> robot.lookup("#version-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<ModelVersion> versions = robot.lookup("#version-table").queryAs(TableView.class);
        FxWait.until(() -> versions.getItems().size() == 1);
        assertThat(robot.lookup("#model-title").queryAs(Label.class).getText()).isEqualTo("iris-forest");
        assertThat(versions.getItems().get(0).version()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        ListView<Object> list = robot.lookup("#model-list").queryAs(ListView.class);
        FxWait.until(() -> list.getItems().size() == 1);
        FxWait.until(() -> robot.lookup("#fact-sha-256").tryQuery().isPresent());

        // Stage and alias from the overview.
        robot.interact(() -> robot.lookup("#version-stage").queryComboBox().getSelectionModel().select(Stage.STAGING));
        robot.clickOn("#apply-stage");
        FxWait.until(() -> !versions.getItems().isEmpty() && versions.getItems().get(0).stage() == Stage.STAGING);
        TextField alias = robot.lookup("#new-alias").queryAs(TextField.class);
        robot.interact(() -> alias.setText("champion"));
        robot.clickOn("#set-alias");
        FxWait.until(() -> !versions.getItems().isEmpty() && versions.getItems().get(0).aliases().contains("champion"));

        // The inspector.
        robot.clickOn("Inspector");
        FxWait.until(() -> robot.lookup("#inspector-ops").tryQuery().isPresent());
        assertThat(robot.lookup("#inspector-ops").lookup("TreeEnsembleClassifier").tryQuery()).isPresent();
        @SuppressWarnings("unchecked")
        TableView<Object> outputs = robot.lookup("#inspector-outputs").queryAs(TableView.class);
        assertThat(outputs.getItems()).hasSize(2);

        // The playground: four form fields for one iris, a run, ZipMap probabilities as columns.
        robot.clickOn("Playground");
        FxWait.until(() -> robot.lookup("#input-float_input-3").tryQuery().isPresent());
        double[] iris = {6.7, 3.0, 5.2, 2.3};
        for (int i = 0; i < 4; i++) {
            TextField field = robot.lookup("#input-float_input-" + i).queryAs(TextField.class);
            String value = Double.toString(iris[i]);
            robot.interact(() -> field.setText(value));
        }
        robot.clickOn("#playground-run");
        @SuppressWarnings("unchecked")
        TableView<List<String>> results = robot.lookup("#playground-results").queryAs(TableView.class);
        FxWait.until(() -> results.getItems().size() == 1);
        assertThat(results.getColumns()).extracting(column -> column.getText())
                .containsExactly("#", "output_label", "output_probability[0]", "output_probability[1]",
                        "output_probability[2]");
        assertThat(results.getItems().get(0).get(0)).isEqualTo("2");
        assertThat(robot.lookup("#playground-status").queryAs(Label.class).getText()).startsWith("Inference took");
        assertThat(robot.lookup("#playground-response").queryAs(TextArea.class).getText()).contains("\"zipmap_keys\"");

        // A bad request names the input and what was wrong.
        robot.clickOn("JSON request");
        TextArea json = robot.lookup("#playground-json").queryAs(TextArea.class);
        robot.interact(() -> json.setText("{\"inputs\": [{\"name\": \"float_input\", \"shape\": [1, 3], "
                + "\"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}"));
        robot.clickOn("#playground-run");
        Label error = robot.lookup("#playground-error").queryAs(Label.class);
        FxWait.until(() -> !error.getText().isEmpty());
        assertThat(error.getText()).contains("float_input");
    }
}
