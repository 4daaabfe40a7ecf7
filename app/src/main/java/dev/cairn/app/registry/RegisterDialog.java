package dev.cairn.app.registry;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Asks under which registered model name (new or existing) to register a dropped or chosen ONNX file. */
final class RegisterDialog extends Dialog<RegisterDialog.Answer> {

    /** The name to register under and an optional version description. */
    record Answer(String name, String description) {
    }

    RegisterDialog(Path file, String suggestedName) {
        setTitle("Register model");
        setHeaderText("Register " + file.getFileName() + " as a new model version");
        TextField name = new TextField(suggestedName);
        name.setId("register-name");
        TextField description = new TextField();
        description.setId("register-description");
        description.setPromptText("optional");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Model name"), name);
        form.addRow(1, new Label("Description"), description);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(Bindings.createBooleanBinding(() -> name.getText().isBlank() || name.getText().contains("/"),
                        name.textProperty()));
        setResultConverter(button -> button == ButtonType.OK
                ? new Answer(name.getText().trim(), description.getText().trim()) : null);
        Platform.runLater(name::requestFocus);
    }
}
