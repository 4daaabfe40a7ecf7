package dev.cairn.app.tracking;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Settings block for the in-app MLflow API: address, token, start and stop, and what to tell scripts. */
public final class TrackingServerPanel extends VBox {

    public TrackingServerPanel(TrackingServerModel model) {
        super(10);
        setId("tracking-server-panel");
        Label title = new Label("MLflow tracking server");
        title.getStyleClass().add("title-4");

        TextField host = new TextField();
        host.setId("server-host");
        host.textProperty().bindBidirectional(model.host());
        host.setPrefColumnCount(14);
        Spinner<Integer> port = new Spinner<>(0, 65535, model.port().get());
        port.setId("server-port");
        port.setEditable(true);
        port.getValueFactory().valueProperty().addListener((o, old, value) -> model.port().set(value));
        model.port().addListener((o, old, value) -> port.getValueFactory().setValue(value.intValue()));
        TextField token = new TextField();
        token.setId("server-token");
        token.setPromptText("made up when serving beyond this machine");
        token.textProperty().bindBidirectional(model.token());
        token.setPrefColumnCount(30);
        host.disableProperty().bind(model.isRunning().or(model.busy()));
        port.disableProperty().bind(model.isRunning().or(model.busy()));
        token.editableProperty().bind(model.isRunning().not());

        Button toggle = new Button();
        toggle.setId("server-toggle");
        toggle.textProperty().bind(Bindings.when(model.isRunning()).then("Stop server").otherwise("Start server"));
        toggle.disableProperty().bind(model.busy());
        toggle.setOnAction(event -> model.toggle());

        Label address = new Label();
        address.setId("server-uri");
        address.textProperty().bind(Bindings.when(model.isRunning())
                .then(Bindings.concat("export MLFLOW_TRACKING_URI=", model.uri()))
                .otherwise("Not serving. Scripts log here once it runs."));
        Button copy = new Button("Copy");
        copy.getStyleClass().addAll("flat", "small");
        copy.setTooltip(new Tooltip("Copy the export line(s) for a shell"));
        copy.disableProperty().bind(model.isRunning().not());
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            String text = "export MLFLOW_TRACKING_URI=" + model.uri().get()
                    + (model.token().get().isBlank() ? "" : "\nexport MLFLOW_TRACKING_TOKEN=" + model.token().get());
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });

        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(10);
        grid.addRow(0, muted("Address"), new HBox(8, host, new Label(":"), port));
        grid.addRow(1, muted("Token"), token);
        HBox status = new HBox(8, toggle, address, copy);
        status.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("127.0.0.1 serves this machine only. Any other address is reachable from the network, "
                + "so every request then needs the token (MLFLOW_TRACKING_TOKEN).");
        hint.getStyleClass().addAll("text-small", "text-muted");
        hint.setWrapText(true);
        getChildren().addAll(title, grid, status, hint);
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        return label;
    }
}
