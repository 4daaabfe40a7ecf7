package dev.cairn.app.tracking;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/** The status bar's switch for the MLflow API: shows where it serves, and starts or stops it on click. */
public final class ServerIndicator extends Button {

    public ServerIndicator(TrackingServerModel model) {
        setId("server-indicator");
        getStyleClass().addAll("flat", "small");
        textProperty().bind(Bindings.when(model.isRunning())
                .then(Bindings.concat("MLflow API ", model.uri()))
                .otherwise("MLflow API off"));
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.when(model.isRunning()).then("Click to stop serving")
                .otherwise("Click to serve the MLflow API so training scripts log into this window"));
        setTooltip(tooltip);
        disableProperty().bind(model.busy());
        setOnAction(event -> model.toggle());
    }
}
