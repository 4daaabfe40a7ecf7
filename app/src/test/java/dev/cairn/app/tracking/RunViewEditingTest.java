package dev.cairn.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.app.FxWait;
import dev.cairn.app.markdown.MarkdownView;
import dev.cairn.core.tracking.ArtifactPathException;
import dev.cairn.core.tracking.RunArtifacts;
import java.io.IOException;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The run page's overview on runs logged through the REST API: markdown description, tags, parent and children. */
@ExtendWith(ApplicationExtension.class)
class RunViewEditingTest {

    private RunPageFixture fixture;
    private RunViewModel model;

    @Start
    void start(Stage stage) throws IOException, InterruptedException {
        fixture = new RunPageFixture();
        model = new RunViewModel(fixture.services.tracking(), fixture.services.tasks(), fixture.services.notifier(),
                file -> { });
        stage.setScene(new Scene(new RunView(model, () -> { }), 1200, 900));
        stage.show();
        model.open(fixture.childId);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(model::close);
        WaitForAsyncUtils.waitForFxEvents();
        fixture.close();
    }

    private Map<String, String> storedTags() {
        return fixture.services.tracking().runs().get(fixture.childId).tags();
    }

    @Test
    void theDescriptionIsEditedAsMarkdownSavedWithCtrlSAndCancelledWithEscape(FxRobot robot) {
        FxWait.until(() -> model.run().get() != null);
        robot.clickOn("Overview");
        assertThat(robot.lookup("#run-description").tryQuery()).as("rendered, not editable, by default").isEmpty();
        robot.clickOn("#run-description-edit");
        robot.clickOn("#run-description").write("# Baseline\n\nLower **learning rate**.");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        FxWait.until(() -> "# Baseline\n\nLower **learning rate**.".equals(storedTags().get(RunViewModel.DESCRIPTION_TAG)));
        assertThat(robot.lookup("#run-description").tryQuery()).isEmpty();
        MarkdownView rendered = robot.lookup("#run-description-view").queryAs(MarkdownView.class);
        assertThat(rendered.getChildren()).hasSize(2);
        assertThat(rendered.getChildren().get(0).getStyleClass()).contains("markdown-heading");

        robot.clickOn("#run-description-edit");
        robot.clickOn("#run-description").write(" Scrap this.");
        robot.type(KeyCode.ESCAPE);
        assertThat(robot.lookup("#run-description").tryQuery()).isEmpty();
        assertThat(model.description().get()).isEqualTo("# Baseline\n\nLower **learning rate**.");
        assertThat(storedTags().get(RunViewModel.DESCRIPTION_TAG)).isEqualTo("# Baseline\n\nLower **learning rate**.");
    }

    @Test
    void tagsAreAddedEditedAndDeletedWhileSystemTagsStayReadOnly(FxRobot robot) {
        FxWait.until(() -> model.run().get() != null);
        robot.clickOn("Overview");
        TableView<Map.Entry<String, String>> tags = robot.lookup("#run-tags").queryAs(TableView.class);
        scrollToBottom(robot, tags);
        assertThat(tags.getItems()).extracting(Map.Entry::getKey).containsExactly("team");
        robot.clickOn("#run-tags-system");
        assertThat(tags.getItems()).extracting(Map.Entry::getKey).contains("mlflow.runName", RunViewModel.PARENT_TAG);
        assertThat(robot.lookup("#run-tag-delete-" + RunViewModel.PARENT_TAG).tryQuery()).isEmpty();

        robot.clickOn("#run-tag-new-key").write("owner");
        robot.clickOn("#run-tag-new-value").write("ana");
        robot.clickOn("#run-tag-add");
        FxWait.until(() -> "ana".equals(storedTags().get("owner")));
        FxWait.until(() -> tags.getItems().stream().anyMatch(tag -> tag.getKey().equals("owner")));

        // Editing starts as a double-click starts it (robot double-clicks lose their timing on a busy machine).
        int team = tags.getItems().stream().map(Map.Entry::getKey).toList().indexOf("team");
        robot.interact(() -> tags.edit(team, tags.getColumns().get(1)));
        robot.write("retention").type(KeyCode.ENTER);
        FxWait.until(() -> "retention".equals(storedTags().get("team")));

        robot.clickOn("#run-tag-delete-owner");
        FxWait.until(() -> !storedTags().containsKey("owner"));
        FxWait.until(() -> tags.getItems().stream().noneMatch(tag -> tag.getKey().equals("owner")));

        robot.interact(() -> assertThat(model.setTag("mlflow.runName", "renamed")).isFalse());
        assertThat(storedTags().get("mlflow.runName")).isEqualTo("lr-0.05");
    }

    /** The tags sit low on the overview: scroll its page down as a user would. */
    private static void scrollToBottom(FxRobot robot, Node inside) {
        Node parent = inside.getParent();
        while (!(parent instanceof ScrollPane)) {
            parent = parent.getParent();
        }
        ScrollPane page = (ScrollPane) parent;
        robot.interact(() -> page.setVvalue(page.getVmax()));
    }

    @Test
    void parentAndChildLinksOpenThoseRunsOnThePage(FxRobot robot) {
        FxWait.until(() -> model.run().get() != null);
        robot.clickOn("Overview");
        Hyperlink parent = robot.lookup("#run-fact-parent-run").queryAs(Hyperlink.class);
        assertThat(parent.getText()).isEqualTo("sweep-lr");
        robot.clickOn(parent);
        FxWait.until(() -> model.run().get().info().runId().equals(fixture.parentId));
        assertThat(robot.lookup("#run-fact-parent-run").queryAs(Label.class).getText()).isEqualTo("none");
        robot.clickOn("#run-link-" + fixture.childId);
        FxWait.until(() -> model.run().get().info().runId().equals(fixture.childId));
    }

    @Test
    void artifactPathsThatLeaveTheRunAreRefused() {
        RunArtifacts artifacts = RunArtifacts.of(fixture.services.tracking().artifacts(),
                fixture.services.tracking().runs().get(fixture.childId).info());
        for (String escape : new String[] {"../" + fixture.emptyId + "/artifacts", "data/../../x", "/etc/passwd"}) {
            assertThatThrownBy(() -> artifacts.file(escape))
                    .isInstanceOf(ArtifactPathException.class);
        }
    }
}
