package dev.cairn.app.gui;

import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** Says plainly why the workbench could not open its data directory, instead of a stack trace. */
final class StartupErrorWindow {

    private StartupErrorWindow() {
    }

    static void show(Path home, String message, Runnable onClosed) {
        dev.cairn.app.shell.Theme.LIGHT.apply();
        Label title = new Label("Cairn cannot open its data directory");
        title.getStyleClass().add("title-3");
        Label folder = new Label(home.toString());
        folder.getStyleClass().add("text-muted");
        Label text = new Label(message);
        text.setId("startup-error");
        text.setWrapText(true);
        Button quit = new Button("Quit");
        quit.setDefaultButton(true);
        HBox buttons = new HBox(quit);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(12, title, folder, text, buttons);
        root.setPadding(new Insets(24));
        root.setPrefWidth(560);

        Stage stage = new Stage();
        stage.setTitle("Cairn");
        stage.setScene(new Scene(root));
        quit.setOnAction(event -> stage.close());
        stage.setOnHidden(event -> onClosed.run());
        stage.show();
    }
}
