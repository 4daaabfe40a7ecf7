package dev.cairn.app.shell;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Tells what a section will hold once its feature is built. It shows no data of its own, so
 * nothing on it can be mistaken for real results.
 */
public final class PlaceholderView extends VBox {

    public PlaceholderView(Section section, String purpose, String commandLineTwin) {
        super(12);
        setId("view-" + section.id());
        getStyleClass().addAll("section-view", "placeholder-view");

        Label title = new Label(section.title());
        title.getStyleClass().add("title-2");
        Label description = new Label(purpose);
        description.setWrapText(true);
        description.getStyleClass().add("text-muted");
        Label status = new Label("Not in this build yet: this section is empty until the feature lands.");
        status.getStyleClass().add("placeholder-status");
        Label twin = new Label("Its headless twin will be: " + commandLineTwin);
        twin.getStyleClass().addAll("text-small", "text-muted");
        getChildren().addAll(title, description, status, twin);
    }
}
