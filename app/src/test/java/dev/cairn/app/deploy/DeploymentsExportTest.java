package dev.cairn.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.AppServices;
import dev.cairn.app.FxWait;
import dev.cairn.app.gui.MainWindow;
import dev.cairn.app.shell.Section;
import dev.cairn.app.shell.UiPreferences;
import dev.cairn.core.deploy.export.DeploymentExport;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.PluginJars;
import dev.cairn.testdata.TestData;
import dev.cairn.core.testing.TestFiles;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.plugins.api.DeploymentExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Export... in the Deployments section, the twin of {@code cairn deploy --export}: a registered version's build
 * context, manifests and a plugin's file are written into a new folder, listed in the log pane; a folder that holds
 * anything already is refused and keeps its files. No Docker engine is needed.
 */
@ExtendWith(ApplicationExtension.class)
class DeploymentsExportTest {

    private Workspace workspace;
    private AppServices services;
    private MainWindow window;

    @Start
    void start(javafx.stage.Stage stage) throws IOException {
        Path home = Files.createTempDirectory("cairn-export-gui-test-");
        PluginJars.builder().title("Systemd units", "1.0").source("org.example.Systemd", """
                package org.example;
                import dev.cairn.plugins.api.DeploymentExporter;
                import dev.cairn.plugins.api.ExportedDeployment;
                import java.util.Map;
                public class Systemd implements DeploymentExporter {
                    public String targetName() { return "systemd unit"; }
                    public Map<String, String> export(ExportedDeployment d) {
                        if (Boolean.getBoolean("cairn.test.export-fails")) {
                            throw new IllegalStateException("no unit today");
                        }
                        return Map.of(d.name() + ".service", "ExecStart=/usr/bin/docker run " + d.image() + "\\n");
                    }
                }
                """).service(DeploymentExporter.class, "org.example.Systemd")
                .writeTo(home.resolve("plugins").resolve("systemd.jar"));
        CompletableFuture.runAsync(() -> {
            workspace = Workspace.open(home);
            services = new AppServices(workspace);
        }).join();
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
    @SuppressWarnings("unchecked")
    void exportsAVersionIntoANewFolderAndNeverOverwrites(FxRobot robot) throws Exception {
        services.registry().registration().register(TestData.model("tribuo_iris_lr.onnx"), "Iris GUI", null, null,
                ProgressListener.NONE, Cancellation.NEVER);
        Path folder = workspace.home().resolve("exports").resolve("iris-1");
        robot.interact(() -> window.shell().selectedProperty().set(Section.DEPLOYMENTS));

        export(robot, folder);
        ListView<String> log = robot.lookup("#deployments-log").queryAs(ListView.class);
        Label error = robot.lookup("#deployments-error").queryAs(Label.class);
        FxWait.until(() -> !error.getText().isEmpty()
                || log.getItems().stream().anyMatch(line -> line.startsWith("Build the image with")));
        assertThat(error.getText()).isEmpty();
        assertThat(log.getItems()).contains("Wrote the export of Iris GUI:1 (linux/arm64, FROM cairn/gui-base:17) to "
                + folder + ":", "  Dockerfile", "  " + DeploymentExport.COMPOSE, "  " + DeploymentExport.KUBERNETES,
                "  " + DeploymentExport.KSERVE, "  iris-gui.service",
                "Build the image with: docker build -t cairn/iris-gui:1 " + folder);
        assertThat(folder.resolve("Dockerfile")).content().contains("FROM cairn/gui-base:17");
        assertThat(folder.resolve("iris-gui.service")).content()
                .isEqualTo("ExecStart=/usr/bin/docker run cairn/iris-gui:1\n");
        assertThat(Files.readString(folder.resolve(DeploymentExport.COMPOSE))).contains("image: cairn/iris-gui:1");

        // Again into the same folder: refused, and what is there stays as it was.
        Files.writeString(folder.resolve(DeploymentExport.COMPOSE), "# edited by hand\n");
        export(robot, folder);
        FxWait.until(() -> !error.getText().isEmpty());
        assertThat(error.getText()).isEqualTo("Exporting Iris GUI:1 failed: " + folder + " is not empty; choose a new "
                + "or empty folder, so no file of yours is overwritten");
        assertThat(folder.resolve(DeploymentExport.COMPOSE)).content().isEqualTo("# edited by hand\n");

        // A plugin that fails part way: the error names it, and the folder the export made is gone again.
        Path other = workspace.home().resolve("exports").resolve("iris-1-again");
        System.setProperty("cairn.test.export-fails", "true");
        try {
            export(robot, other);
            FxWait.until(() -> error.getText().contains("systemd unit"));
        } finally {
            System.clearProperty("cairn.test.export-fails");
        }
        assertThat(error.getText()).startsWith("Exporting Iris GUI:1 failed: The systemd unit export of plugin "
                + "Systemd units 1.0 (systemd.jar) failed: java.lang.IllegalStateException: no unit today");
        assertThat(other).doesNotExist();
    }

    @SuppressWarnings("unchecked")
    private static void export(FxRobot robot, Path folder) {
        robot.clickOn("#deployments-export");
        FxWait.until(() -> robot.lookup("#export-folder").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#export-name").queryAs(TextField.class).setText("Iris GUI");
            robot.lookup("#export-version").queryAs(TextField.class).setText("1");
            robot.lookup("#export-base-image").queryAs(TextField.class).setText("cairn/gui-base:17");
            robot.lookup("#export-arch").queryAs(ComboBox.class).setValue("arm64");
            robot.lookup("#export-folder").queryAs(TextField.class).setText(folder.toString());
        });
        Button ok = robot.lookup(".button").queryAllAs(Button.class).stream()
                .filter(button -> "Export".equals(button.getText())).findFirst().orElseThrow();
        robot.clickOn(ok);
    }
}
