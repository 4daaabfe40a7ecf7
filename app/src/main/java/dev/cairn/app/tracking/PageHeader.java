package dev.cairn.app.tracking;

import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;

/** The top of a page opened from the run table: back to the runs, the page's title, a busy spinner. */
final class PageHeader extends HBox {

    PageHeader(Label title, ObservableBooleanValue loading, Runnable back) {
        super(12);
        Button backButton = new Button("← Runs");
        backButton.setId("run-back");
        backButton.setOnAction(event -> back.run());
        title.getStyleClass().add("title-2");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(loading);
        getChildren().addAll(backButton, title, spinner);
        setAlignment(Pos.CENTER_LEFT);
    }
}
