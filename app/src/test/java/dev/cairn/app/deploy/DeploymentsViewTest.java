package dev.cairn.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.gui.MainWindow;
import dev.cairn.app.shell.Section;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.core.deploy.DeployServices;
import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.deploy.DockerEngine;
import dev.cairn.core.deploy.LocalDocker;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.testdata.TestData;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Deployments section in the real main window against the local Docker engine: a version deployed from the
 * dialog streams its image build into the log pane, shows with its live health, its log follows, and Stop stops it.
 */
@ExtendWith(ApplicationExtension.class)
class DeploymentsViewTest {

    private static final String MODEL = "gui-deploy-iris";

    private Workspace workspace;
    private AppServices services;
    private MainWindow window;
    private DeployServices deploy;
    private Deployment deployment;

    @Start
    void start(javafx.stage.Stage stage) throws IOException {
        workspace = Workspace.open(Files.createTempDirectory("cairn-deploy-gui-test-"));
        services = new AppServices(workspace);
        window = new MainWindow(stage, services, UiPreferences.DEFAULT);
        stage.show();
    }

    @AfterEach
    void close() {
        // Every deployment the test made, even when it failed before it read one: a container left running would
        // hold the name the next run needs.
        if (deploy != null) { // null when the test was skipped for want of an engine
            deploy.deployer().list().forEach(made -> deploy.deployer().remove(made.id()));
        }
        services.close();
        workspace.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheLiveHealthFollowsTheLogAndStops(FxRobot robot) throws Exception {
        LocalDocker.require();
        services.registry().registration().register(TestData.model("tribuo_iris_lr.onnx"), MODEL, null, null,
                ProgressListener.NONE, Cancellation.NEVER);
        deploy = DeployServices.of(workspace, services.registry(), System.getenv(), LocalDocker.BASE_IMAGE);

        // Deploy from the dialog: the image is built afresh, and its build output streams into the log pane.
        try (DockerEngine engine = DockerEngine.connect(LocalDocker.host())) {
            // Exactly this tag: engines from API 1.41 ignore the image-name filter of a listing.
            engine.client().removeImageCmd("cairn/" + MODEL + ":1").withForce(true).exec();
        } catch (NotFoundException e) {
            // Not built yet.
        }
        robot.interact(() -> window.shell().selectedProperty().set(Section.DEPLOYMENTS));
        robot.clickOn("#deployments-deploy");
        robot.interact(() -> {
            robot.lookup("#deploy-name").queryAs(TextField.class).setText(MODEL);
            robot.lookup("#deploy-version").queryAs(TextField.class).setText("1");
            robot.lookup("#deploy-base-image").queryAs(TextField.class).setText(LocalDocker.BASE_IMAGE);
        });
        robot.clickOn("Deploy");
        javafx.scene.control.ListView<String> log = robot.lookup("#deployments-log").queryAs(
                javafx.scene.control.ListView.class);
        TableView<DeploymentRow> table = robot.lookup("#deployments-table").queryAs(TableView.class);
        Label error = robot.lookup("#deployments-error").queryAs(Label.class);
        // The table is re-read from the store and the log is fed by the deploy's events: wait for both.
        FxWait.until(() -> !error.getText().isEmpty()
                || table.getItems().stream().anyMatch(row -> row.health().equals("ready"))
                && log.getItems().stream().anyMatch(line -> line.contains("serves at")));
        assertThat(error.getText()).isEmpty();
        assertThat(log.getItems()).anyMatch(line -> line.startsWith("Step 1/"))
                .anyMatch(line -> line.contains("serves at"));
        deployment = table.getItems().get(0).deployment();
        assertThat(table.getItems()).singleElement().satisfies(row -> {
            assertThat(row.model()).isEqualTo(MODEL);
            assertThat(row.status()).isEqualTo("running");
            assertThat(row.deployment().url()).startsWith("http://127.0.0.1:");
        });

        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#deployments-follow");
        FxWait.until(() -> log.getItems().stream().anyMatch(line -> line.contains("cairn-runtime serving '" + MODEL)));

        robot.clickOn("#deployments-stop");
        FxWait.until(() -> table.getItems().stream().anyMatch(row -> row.status().equals("stopped")));
        assertThat(table.getItems().get(0).health()).isEmpty();
    }
}
