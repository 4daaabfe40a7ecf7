package dev.cairn.app.tracking;

import dev.cairn.app.markdown.MarkdownView;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A run's description, rendered as markdown; Edit swaps in the text, Save (Ctrl+S) stores it as MLflow's
 * {@code mlflow.note.content} tag and Cancel (Esc) drops the edit.
 */
final class RunDescriptionPane extends VBox {

    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    private final RunViewModel model;
    private final MarkdownView rendered = new MarkdownView();
    private final Label none = new Label("No description yet. Edit to say what this run was for; markdown works "
            + "(headings, lists, **bold**, `code`).");
    private final TextArea editor = new TextArea();
    private final Button edit = new Button("Edit");
    private final HBox editButtons;

    RunDescriptionPane(RunViewModel model) {
        super(8);
        this.model = model;
        setId("run-description-pane");
        rendered.setId("run-description-view");
        none.getStyleClass().add("text-muted");
        none.setWrapText(true);
        editor.setId("run-description");
        editor.setPromptText("What was this run for? Markdown is rendered when saved.");
        editor.setPrefRowCount(8);
        editor.setWrapText(true);
        editor.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        edit.setId("run-description-edit");
        edit.setOnAction(event -> startEditing());
        Button save = new Button("Save");
        save.setId("run-description-save");
        save.setOnAction(event -> save());
        Button cancel = new Button("Cancel");
        cancel.setId("run-description-cancel");
        cancel.setOnAction(event -> stopEditing());
        Label keys = new Label("Ctrl+S saves, Esc cancels");
        keys.getStyleClass().addAll("text-small", "text-muted");
        editButtons = new HBox(8, save, cancel, keys);
        editButtons.setAlignment(Pos.CENTER_LEFT);
        model.description().addListener((o, old, text) -> render());
        render();
        stopEditing();
    }

    private void onKey(KeyEvent event) {
        if (SAVE.match(event)) {
            save();
            event.consume();
        } else if (event.getCode() == KeyCode.ESCAPE) {
            stopEditing();
            event.consume();
        }
    }

    private void startEditing() {
        editor.setText(model.description().get());
        getChildren().setAll(editor, editButtons);
        editor.requestFocus();
    }

    private void save() {
        model.description().set(editor.getText());
        model.saveDescription();
        stopEditing();
    }

    private void stopEditing() {
        boolean blank = model.description().get() == null || model.description().get().isBlank();
        HBox bar = new HBox(edit);
        getChildren().setAll(blank ? none : rendered, bar);
    }

    private void render() {
        rendered.setMarkdown(model.description().get());
        if (!getChildren().contains(editor)) {
            stopEditing();
        }
    }

    /** Whether the text editor is showing, for tests. */
    boolean editing() {
        return getChildren().contains(editor);
    }
}
