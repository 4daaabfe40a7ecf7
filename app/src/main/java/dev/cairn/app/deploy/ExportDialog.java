package dev.cairn.app.deploy;

import static dev.cairn.app.deploy.FormFields.field;
import static dev.cairn.app.deploy.FormFields.label;

import dev.cairn.core.deploy.export.DeploymentExport.ContextFormat;
import java.io.File;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;

/**
 * Asks which model version to export, for which platform, and into which folder: the twin of
 * {@code cairn deploy NAME:VERSION --export DIR}. The Export button stays off until all is filled in.
 */
final class ExportDialog extends Dialog<ExportDialog.Request> {

    /** What the user asked for. */
    record Request(String name, String version, String baseImage, String arch, ContextFormat format, String folder) {
    }

    ExportDialog(String defaultBaseImage) {
        setTitle("Export a model version");
        setHeaderText("Writes the image's build context with a docker-compose.yml, a Swarm stack, Kubernetes "
                + "manifests, a KServe InferenceService and the plugins' files, to run the model without Cairn.");
        TextField name = field("export-name", "fraud");
        TextField version = field("export-version", "3 or an alias");
        TextField base = field("export-base-image", "a Java 17+ image");
        base.setText(defaultBaseImage);
        ComboBox<String> arch = new ComboBox<>();
        arch.setId("export-arch");
        arch.getItems().setAll("amd64", "arm64");
        arch.setValue("amd64");
        ComboBox<ContextFormat> format = new ComboBox<>();
        format.setId("export-format");
        format.getItems().setAll(ContextFormat.values());
        format.setValue(ContextFormat.FOLDER);
        format.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ContextFormat value) {
                return value == ContextFormat.TAR ? "One tar file (build-context.tar)" : "Files in the folder";
            }

            @Override
            public ContextFormat fromString(String text) {
                return text.startsWith("One") ? ContextFormat.TAR : ContextFormat.FOLDER;
            }
        });
        TextField folder = field("export-folder", "a new or empty folder (~/ is your home folder)");
        folder.setPrefColumnCount(28);
        Button choose = new Button("Choose…");
        choose.setId("export-choose-folder");
        choose.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        choose.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export into a folder");
            File chosen = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                // A new folder named after the version inside the chosen one: an export never mixes with other files.
                String named = (name.getText().trim() + "-" + version.getText().trim()).replaceAll("[^A-Za-z0-9._-]+",
                        "-").replaceAll("^[-.]+|-+$", "");
                folder.setText((named.isEmpty() ? chosen.toPath() : chosen.toPath().resolve(named)).toString());
            }
        });
        HBox folderRow = new HBox(6, folder, choose);
        HBox.setHgrow(folder, Priority.ALWAYS);

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.addRow(0, label("Model"), name);
        form.addRow(1, label("Version"), version);
        form.addRow(2, label("Base image"), base);
        form.addRow(3, label("Platform"), arch);
        form.addRow(4, label("Build context"), format);
        form.addRow(5, label("Folder"), folderRow);
        getDialogPane().setContent(form);
        ButtonType export = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(export, ButtonType.CANCEL);
        getDialogPane().lookupButton(export).disableProperty().bind(name.textProperty().isEmpty()
                .or(version.textProperty().isEmpty()).or(base.textProperty().isEmpty())
                .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> folder.getText().isBlank(),
                        folder.textProperty())));
        setResultConverter(button -> button == export ? new Request(name.getText().trim(), version.getText().trim(),
                base.getText().trim(), arch.getValue(), format.getValue(), folder.getText().trim()) : null);
    }

    Optional<Request> ask() {
        return showAndWait();
    }
}
