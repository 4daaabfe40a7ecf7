package dev.cairn.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.gui.MainWindow;
import dev.cairn.app.shell.Section;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.core.deploy.DeployServices;
import dev.cairn.core.deploy.DeploySettings;
import dev.cairn.core.deploy.Deployment;
import dev.cairn.core.deploy.LocalDocker;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.SharedData;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Deployments section in the real main window against the local Docker engine: a deployed model shows with its
 * live health, its log follows, and Stop stops it.
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
        if (deployment != null) {
            deploy.deployer().remove(deployment.id());
        }
        services.close();
        workspace.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheLiveHealthFollowsTheLogAndStops(FxRobot robot) throws Exception {
        LocalDocker.require();
        services.registry().registration().register(SharedData.model("tribuo_iris_lr.onnx"), MODEL, null, null,
                ProgressListener.NONE, Cancellation.NEVER);
        deploy = DeployServices.of(workspace, services.registry(), System.getenv(), LocalDocker.BASE_IMAGE);
        deployment = deploy.deployer().deploy("local", MODEL, "1", DeploySettings.defaults(), ProgressListener.NONE);

        robot.interact(() -> window.shell().selectedProperty().set(Section.DEPLOYMENTS));
        TableView<DeploymentRow> table = robot.lookup("#deployments-table").queryAs(TableView.class);
        FxWait.until(() -> table.getItems().stream().anyMatch(row -> row.health().equals("ready")));
        assertThat(table.getItems()).singleElement().satisfies(row -> {
            assertThat(row.model()).isEqualTo(MODEL);
            assertThat(row.status()).isEqualTo("running");
            assertThat(row.deployment().url()).isEqualTo(deployment.url());
        });

        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#deployments-follow");
        javafx.scene.control.ListView<String> log = robot.lookup("#deployments-log").queryAs(
                javafx.scene.control.ListView.class);
        FxWait.until(() -> log.getItems().stream().anyMatch(line -> line.contains("cairn-runtime serving '" + MODEL)));

        robot.clickOn("#deployments-stop");
        FxWait.until(() -> table.getItems().stream().anyMatch(row -> row.status().equals("stopped")));
        assertThat(table.getItems().get(0).health()).isEmpty();
    }
}
