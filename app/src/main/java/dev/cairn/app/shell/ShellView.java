package dev.cairn.app.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's layout: the sidebar of sections on the left, the selected section's view in
 * the middle (built the first time it is shown), the status bar at the bottom.
 */
public final class ShellView extends BorderPane {

    private final Map<Section, Supplier<Node>> factories;
    private final Map<Section, Node> built = new EnumMap<>(Section.class);
    private final Map<Section, ToggleButton> buttons = new EnumMap<>(Section.class);
    private final ObjectProperty<Section> selected = new SimpleObjectProperty<>();
    private final StackPane content = new StackPane();

    public ShellView(Map<Section, Supplier<Node>> factories, StatusBar statusBar) {
        this.factories = new EnumMap<>(factories);
        setId("shell");
        content.setId("content");
        content.getStyleClass().add("content");
        setLeft(sidebar());
        setCenter(content);
        setBottom(statusBar);
        selected.addListener((observable, old, section) -> show(section));
        selected.set(Section.DASHBOARD);
    }

    /** The section shown now; setting it switches views. */
    public ObjectProperty<Section> selectedProperty() {
        return selected;
    }

    private VBox sidebar() {
        Label brand = new Label("Cairn");
        brand.getStyleClass().addAll("brand", "title-3");
        VBox sidebar = new VBox(4, brand);
        sidebar.setId("sidebar");
        sidebar.getStyleClass().add("sidebar");
        ToggleGroup group = new ToggleGroup();
        for (Section section : Section.values()) {
            ToggleButton button = new ToggleButton(section.title());
            button.setId("nav-" + section.id());
            button.getStyleClass().add("nav-button");
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setTooltip(new Tooltip(section.title() + " (" + section.shortcut().getDisplayText() + ")"));
            // A click on the selected button must not leave the sidebar with nothing selected.
            button.setOnAction(event -> {
                button.setSelected(true);
                selected.set(section);
            });
            buttons.put(section, button);
            if (section == Section.SETTINGS) {
                Region spacer = new Region();
                VBox.setVgrow(spacer, Priority.ALWAYS);
                sidebar.getChildren().add(spacer);
            }
            sidebar.getChildren().add(button);
        }
        return sidebar;
    }

    private void show(Section section) {
        buttons.get(section).setSelected(true);
        Node view = built.computeIfAbsent(section, key -> factories.get(key).get());
        content.getChildren().setAll(view);
    }
}
