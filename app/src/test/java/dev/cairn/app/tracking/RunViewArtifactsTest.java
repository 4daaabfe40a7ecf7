package dev.cairn.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.FxWait;
import dev.cairn.app.format.ByteSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The run page's artifacts browser on artifacts uploaded through the REST API: tree, previews, open, download. */
@ExtendWith(ApplicationExtension.class)
class RunViewArtifactsTest {

    private RunPageFixture fixture;
    private RunViewModel model;
    private RunView view;
    private final List<Path> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws IOException, InterruptedException {
        fixture = new RunPageFixture();
        model = new RunViewModel(fixture.services.tracking(), fixture.services.tasks(), fixture.services.notifier(),
                opened::add);
        view = new RunView(model, () -> { });
        stage.setScene(new Scene(view, 1200, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(model::close);
        WaitForAsyncUtils.waitForFxEvents();
        fixture.close();
    }

    private TreeView<ArtifactsViewModel.Entry> openArtifactsOf(FxRobot robot, String runId) {
        robot.interact(() -> model.open(runId));
        FxWait.until(() -> model.run().get() != null && model.run().get().info().runId().equals(runId));
        TabPane tabs = robot.lookup("#run-tabs").queryAs(TabPane.class);
        // The tab's own label: the overview also has an "Artifacts" label, hidden while its tab is not shown.
        robot.clickOn(robot.lookup(".tab-label").lookup((Label label) -> label.getText().equals("Artifacts"))
                .queryAs(Label.class));
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Artifacts");
        return robot.lookup("#artifact-tree").queryAs(TreeView.class);
    }

    /** Expands the folders on the way and selects the entry at {@code path}, as a user clicking in the tree would. */
    private void choose(FxRobot robot, TreeView<ArtifactsViewModel.Entry> tree, String path) {
        TreeItem<ArtifactsViewModel.Entry> item = tree.getRoot();
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            String prefix = String.join("/", Arrays.copyOf(parts, i + 1));
            TreeItem<ArtifactsViewModel.Entry> parent = item;
            FxWait.until(() -> parent.getChildren().stream().anyMatch(c -> c.getValue().path().equals(prefix)));
            item = parent.getChildren().stream().filter(c -> c.getValue().path().equals(prefix)).findFirst().orElseThrow();
            if (i < parts.length - 1) {
                TreeItem<ArtifactsViewModel.Entry> folder = item;
                robot.interact(() -> folder.setExpanded(true));
            }
        }
        TreeItem<ArtifactsViewModel.Entry> chosen = item;
        robot.interact(() -> tree.getSelectionModel().select(chosen));
    }

    @Test
    void theTreeListsFoldersFirstWithSizesAndPreviewsEveryKind(FxRobot robot) {
        TreeView<ArtifactsViewModel.Entry> tree = openArtifactsOf(robot, fixture.childId);
        FxWait.until(() -> tree.getRoot().getChildren().size() == 6);
        assertThat(tree.getRoot().getChildren()).extracting(item -> item.getValue().name())
                .containsExactly("data", "model", "plots", "README.md", "metrics.json", "notes.txt");
        assertThat(tree.getRoot().getChildren().get(0).getChildren()).as("folders are listed when opened").isEmpty();

        robot.clickOn("notes.txt");
        FxWait.until(() -> robot.lookup("#artifact-text").tryQuery().isPresent());
        assertThat(robot.lookup("#artifact-text").queryAs(TextArea.class).getText()).startsWith("Early stopping");
        String size = ByteSize.format(fixture.artifacts.get("notes.txt").length);
        assertThat(robot.lookup(size).tryQuery()).as("the size is shown beside the name").isPresent();

        choose(robot, tree, "metrics.json");
        FxWait.until(() -> robot.lookup("#artifact-text").queryAs(TextArea.class).getText().contains("\"recall\""));
        assertThat(robot.lookup("#artifact-text").queryAs(TextArea.class).getText()).contains("{\n  \"auc\" : 0.91,\n");

        choose(robot, tree, "README.md");
        FxWait.until(() -> robot.lookup("#artifact-markdown").tryQuery().isPresent());

        choose(robot, tree, "data/sample.csv");
        FxWait.until(() -> robot.lookup("#artifact-table").tryQuery().isPresent());
        TableView<?> table = robot.lookup("#artifact-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(3);
        assertThat(table.getColumns()).extracting(column -> column.getText())
                .containsExactly("customer_id", "tenure", "monthly_charges", "churned");
        assertThat(robot.lookup("#artifact-table-count").queryAs(Label.class).getText()).isEqualTo("3 rows");

        choose(robot, tree, "plots/roc.png");
        FxWait.until(() -> robot.lookup("#artifact-image").tryQuery().isPresent());
        assertThat(robot.lookup("#artifact-image").queryAs(ImageView.class).getImage().getWidth()).isEqualTo(64);

        choose(robot, tree, "model/MLmodel");
        FxWait.until(() -> robot.lookup("#artifact-text").tryQuery().isPresent()
                && robot.lookup("#artifact-text").queryAs(TextArea.class).getText().contains("onnx_version"));

        choose(robot, tree, "model/data/weights.bin");
        FxWait.until(() -> robot.lookup("#artifact-message").tryQuery().isPresent());
        assertThat(robot.lookup("#artifact-message").queryAs(Label.class).getText()).contains("binary file of 8 B");
    }

    @Test
    void downloadAndOpenCopyTheStoredBytes(FxRobot robot, @TempDir Path out) throws IOException {
        TreeView<ArtifactsViewModel.Entry> tree = openArtifactsOf(robot, fixture.childId);
        Path target = out.resolve("sample-copy.csv");
        view.artifactsPane().setDownloadTarget(entry -> entry.folder() ? out.resolve(entry.name()) : target);
        choose(robot, tree, "data/sample.csv");
        robot.clickOn("#artifact-download");
        FxWait.until(() -> Files.exists(target));
        assertThat(Files.readAllBytes(target)).isEqualTo(fixture.artifacts.get("data/sample.csv"));

        choose(robot, tree, "plots/roc.png");
        robot.clickOn("#artifact-open");
        FxWait.until(() -> opened.size() == 1);
        assertThat(Files.readAllBytes(opened.get(0))).isEqualTo(fixture.artifacts.get("plots/roc.png"));
        assertThat(opened.get(0).startsWith(fixture.workspace.home())).as("a copy is opened, never the stored file")
                .isFalse();

        choose(robot, tree, "model");
        robot.clickOn("#artifact-download");
        FxWait.until(() -> Files.exists(out.resolve("model/data/weights.bin")));
        assertThat(Files.readAllBytes(out.resolve("model/data/weights.bin")))
                .isEqualTo(fixture.artifacts.get("model/data/weights.bin"));
        assertThat(out.resolve("model/MLmodel")).exists();
    }

    @Test
    void aRunWithoutArtifactsSaysHowToLogThemAndRefreshShowsThoseLoggedLater(FxRobot robot)
            throws IOException, InterruptedException {
        TreeView<ArtifactsViewModel.Entry> tree = openArtifactsOf(robot, fixture.emptyId);
        FxWait.until(() -> robot.lookup("#artifacts-empty").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#artifacts-empty").queryAs(Label.class).getText())
                .startsWith("No artifacts. Log some with mlflow.log_artifact(...)");
        assertThat(robot.lookup("#artifact-download").queryAs(Button.class).isVisible()).isFalse();

        fixture.api.logArtifact(fixture.emptyRun, "eval/report.txt", "late".getBytes(StandardCharsets.UTF_8));
        robot.clickOn("#artifact-refresh");
        FxWait.until(() -> tree.getRoot().getChildren().size() == 1);
        assertThat(robot.lookup("#artifacts-empty").queryAs(Label.class).isVisible()).isFalse();
        choose(robot, tree, "eval/report.txt");
        FxWait.until(() -> robot.lookup("#artifact-text").tryQuery().isPresent());
    }
}
