package dev.cairn.app.settings;

import atlantafx.base.theme.Styles;
import dev.cairn.app.shell.Theme;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Settings section: theme, where Cairn keeps its data and logs, the MLflow API, and the plugins. It scrolls: with
 * a few plugins it is taller than a small window.
 */
public final class SettingsView extends ScrollPane {

    /** @param serverPanel the MLflow API block, shown under the general settings */
    public SettingsView(SettingsViewModel model, javafx.scene.Node serverPanel) {
        VBox content = new VBox(16);
        setId("view-settings");
        content.getStyleClass().add("section-view");
        setContent(content);
        setFitToWidth(true);
        getStyleClass().add("edge-to-edge");

        Label title = new Label("Settings");
        title.getStyleClass().add("title-2");

        HBox theme = themeButtons(model);

        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(10);
        grid.addRow(0, muted("Theme"), theme);
        grid.addRow(1, muted("Data directory"), copyable(model.dataDirectory()));
        grid.addRow(2, muted("Log files"), copyable(model.logsDirectory()));

        Label hint = new Label("To use another data directory, start Cairn with --home DIR or set CAIRN_HOME.");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setWrapText(true);
        content.getChildren().addAll(title, grid, hint, new javafx.scene.control.Separator(), serverPanel,
                new javafx.scene.control.Separator(), plugins(model));
    }

    /** The plugins folder, and the jars found in it when Cairn started. */
    private static VBox plugins(SettingsViewModel model) {
        Label heading = new Label("Plugins");
        heading.getStyleClass().add("title-4");
        Button open = new Button("Open folder");
        open.setId("open-plugins-folder");
        open.getStyleClass().addAll("flat", "small");
        open.setOnAction(event -> model.openPluginsFolder());
        HBox folder = copyable(model.pluginsDirectory());
        folder.getChildren().add(open);
        Label hint = new Label("Plugins add drift tests, dataset formats, deployment exports and model formats. "
                + "Cairn loads the jars in this folder when it starts: start it again after adding or removing one.");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setWrapText(true);
        return new VBox(8, heading, folder, hint, new PluginList(model.plugins()));
    }

    /** One toggle per theme, kept in step with the model both ways. */
    private static HBox themeButtons(SettingsViewModel model) {
        ToggleGroup group = new ToggleGroup();
        HBox buttons = new HBox();
        buttons.setId("theme-choice");
        Theme[] themes = Theme.values();
        for (int i = 0; i < themes.length; i++) {
            Theme theme = themes[i];
            ToggleButton button = new ToggleButton(theme.toString());
            button.setId("theme-" + theme.name().toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(group);
            button.setUserData(theme);
            button.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == themes.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            button.setSelected(theme == model.themeProperty().get());
            // Keep one theme selected: a click on the chosen one must not unselect it.
            button.setOnAction(event -> {
                button.setSelected(true);
                model.themeProperty().set(theme);
            });
            buttons.getChildren().add(button);
        }
        model.themeProperty().addListener((observable, old, chosen) -> group.getToggles()
                .forEach(toggle -> toggle.setSelected(toggle.getUserData() == chosen)));
        return buttons;
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
