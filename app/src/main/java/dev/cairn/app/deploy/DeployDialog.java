package dev.cairn.app.deploy;

import static dev.cairn.app.deploy.FormFields.field;
import static dev.cairn.app.deploy.FormFields.label;

import dev.cairn.core.deploy.DeployStrategy;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

/** Asks which model version to deploy, where, and how; the Deploy button stays off until a name and version are in. */
final class DeployDialog extends Dialog<DeployDialog.Request> {

    /** What the user asked for. */
    record Request(String name, String version, String host, DeployStrategy strategy, String baseImage) {
    }

    DeployDialog(String defaultBaseImage) {
        this(defaultBaseImage, "", "");
    }

    /** With the model and version filled in, as Deploy... on a version's page opens it. */
    DeployDialog(String defaultBaseImage, String modelName, String modelVersion) {
        setTitle("Deploy a model version");
        setHeaderText("Builds the image on the host when it lacks it, starts it and waits until it is healthy.");
        TextField name = field("deploy-name", "fraud");
        TextField version = field("deploy-version", "3 or an alias");
        name.setText(modelName);
        version.setText(modelVersion);
        TextField host = field("deploy-host", "local");
        host.setText("local");
        TextField base = field("deploy-base-image", "a Java 17+ image");
        base.setText(defaultBaseImage);
        ComboBox<DeployStrategy> strategy = new ComboBox<>();
        strategy.setId("deploy-strategy");
        strategy.getItems().setAll(DeployStrategy.values());
        strategy.setValue(DeployStrategy.REPLACE);
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(DeployStrategy value) {
                return value == null ? "" : value.label();
            }

            @Override
            public DeployStrategy fromString(String text) {
                return DeployStrategy.parse(text);
            }
        });
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.addRow(0, label("Model"), name);
        form.addRow(1, label("Version"), version);
        form.addRow(2, label("Host"), host);
        form.addRow(3, label("Strategy"), strategy);
        form.addRow(4, label("Base image"), base);
        getDialogPane().setContent(form);
        ButtonType deploy = new ButtonType("Deploy", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(deploy, ButtonType.CANCEL);
        getDialogPane().lookupButton(deploy).disableProperty().bind(name.textProperty().isEmpty()
                .or(version.textProperty().isEmpty()).or(host.textProperty().isEmpty()).or(base.textProperty().isEmpty()));
        setResultConverter(button -> button == deploy ? new Request(name.getText().trim(), version.getText().trim(),
                host.getText().trim(), strategy.getValue(), base.getText().trim()) : null);
    }

    Optional<Request> ask() {
        return showAndWait();
    }
}
