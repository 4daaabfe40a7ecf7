package dev.cairn.app.shell;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Every keyboard shortcut on one card over the window: F1 shows it, F1, Esc or a click hides it. The list is the
 * one place shortcuts are written down for users, so a new one goes here too.
 */
public final class ShortcutsOverlay extends StackPane {

    /** A key and what it does, where. */
    public record Shortcut(String keys, String action) {
    }

    /** The shortcuts, in the order users meet them. */
    public static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("Ctrl+1 \u2026 Ctrl+7", "Dashboard, Experiments, Models, Benchmarks, Drift, Deployments, "
                    + "Settings"),
            new Shortcut("F1", "This list"),
            new Shortcut("Ctrl+Z", "Undo the last saved edit (descriptions, model cards, tags, aliases)"),
            new Shortcut("Ctrl+Enter", "Run: the playground, a benchmark, a drift comparison"),
            new Shortcut("Esc", "Cancel what runs; close this list"),
            new Shortcut("Enter", "Open the selected run"),
            new Shortcut("Delete", "Delete the selected runs or benchmarks (asks first)"),
            new Shortcut("F5", "Read the benchmarks again"),
            new Shortcut("Ctrl+S", "Save the description being edited"),
            new Shortcut("Ctrl+wheel, drag", "Zoom a chart; right-click zooms out"),
            new Shortcut("Ctrl+Q", "Quit"));

    public ShortcutsOverlay() {
        setId("shortcuts-overlay");
        setVisible(false);
        setStyle("-fx-background-color: rgba(0, 0, 0, 0.45);");
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(8);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label keys = new Label(SHORTCUTS.get(i).keys());
            keys.setStyle("-fx-font-weight: bold;");
            Label action = new Label(SHORTCUTS.get(i).action());
            action.setWrapText(true);
            action.setMaxWidth(460);
            grid.addRow(i, keys, action);
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("title-3");
        Label hint = new Label("Every action also has a headless twin: cairn --help");
        hint.getStyleClass().add("text-muted");
        VBox card = new VBox(14, title, grid, hint);
        card.setPadding(new Insets(24));
        card.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        card.getStyleClass().add("shortcuts-card");
        getChildren().add(card);
        StackPane.setAlignment(card, Pos.CENTER);
        setOnMouseClicked(event -> hide());
        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE || event.getCode() == KeyCode.F1) {
                hide();
                event.consume();
            }
        });
    }

    public void toggle() {
        if (isVisible()) {
            hide();
        } else {
            setVisible(true);
            requestFocus();
        }
    }

    public void hide() {
        setVisible(false);
    }
}
