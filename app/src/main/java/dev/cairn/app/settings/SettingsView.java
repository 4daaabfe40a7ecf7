package dev.cairn.app.settings;

import dev.cairn.app.shell.Theme;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Settings section: theme, and where Cairn keeps its data and logs. */
public final class SettingsView extends VBox {

    public SettingsView(SettingsViewModel model) {
        super(16);
        setId("view-settings");
        getStyleClass().add("section-view");

        Label title = new Label("Settings");
        title.getStyleClass().add("title-2");

        ChoiceBox<Theme> theme = new ChoiceBox<>();
        theme.setId("theme-choice");
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(model.themeProperty());

        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(10);
        grid.addRow(0, muted("Theme"), theme);
        grid.addRow(1, muted("Data directory"), copyable(model.dataDirectory()));
        grid.addRow(2, muted("Log files"), copyable(model.logsDirectory()));

        Label hint = new Label("To use another data directory, start Cairn with --home DIR or set CAIRN_HOME.");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setWrapText(true);
        getChildren().addAll(title, grid, hint);
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        return label;
    }

    private static HBox copyable(String path) {
        Label value = new Label(path);
        Button copy = new Button("Copy");
        copy.getStyleClass().addAll("flat", "small");
        copy.setTooltip(new Tooltip("Copy the path to the clipboard"));
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(path);
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox row = new HBox(8, value, copy);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
