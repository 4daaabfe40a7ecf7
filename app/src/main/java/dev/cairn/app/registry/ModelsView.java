package dev.cairn.app.registry;

import dev.cairn.core.plugins.FileKinds;
import dev.cairn.core.registry.ModelVersion;
import dev.cairn.core.registry.RegisteredModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The Models section: registered models on the left, the selected model's page on the right. */
public final class ModelsView extends SplitPane {

    private final ModelsViewModel model;

    /**
     * @param playgrounds makes the inference playground for a model file
     * @param benchmarks makes the benchmark tab of a version whose file is in Cairn's store
     */
    public ModelsView(ModelsViewModel model, Function<Path, PlaygroundPane> playgrounds,
            Function<ModelVersion, Node> benchmarks) {
        this.model = model;
        setId("view-models");
        setOrientation(Orientation.HORIZONTAL);

        TextField filter = new TextField();
        filter.setId("model-filter");
        filter.setPromptText("Filter models");
        filter.textProperty().bindBidirectional(model.filter());
        filter.setOnAction(event -> model.refresh());
        Button register = new Button("Register model\u2026");
        register.setId("register-model");
        register.setOnAction(event -> chooseAndRegister(null));
        register.setMaxWidth(Double.MAX_VALUE);

        ListView<RegisteredModel> list = new ListView<>(model.models());
        list.setId("model-list");
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(RegisteredModel item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + (item.aliases().isEmpty() ? ""
                        : "  \u00b7 " + String.join(", ", item.aliases().keySet())));
            }
        });
        Label none = new Label("No models yet.\nDrop an .onnx file on the window\nor click Register model.");
        none.setId("model-list-empty");
        none.setAlignment(Pos.CENTER);
        list.setPlaceholder(none);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> {
            if (chosen != null && (model.model().get() == null || !model.model().get().name().equals(chosen.name()))) {
                model.select(chosen.name(), null);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox left = new VBox(8, filter, list, register);
        left.setPadding(new javafx.geometry.Insets(8));
        left.setMinWidth(200);

        StackPane right = new StackPane();
        Label hint = new Label("Select a model, or drop an .onnx file to register one.");
        hint.getStyleClass().add("text-muted");
        ModelPage page = new ModelPage(model, playgrounds, benchmarks, this::chooseAndRegister);
        right.getChildren().setAll(hint);
        model.model().addListener((obs, old, current) -> right.getChildren().setAll(current == null ? hint : page));

        getItems().setAll(left, right);
        setDividerPositions(0.24);
        model.refresh();
    }

    /** Asks for a model file and a name; {@code name} prefills the name (a new version of that model). */
    void chooseAndRegister(String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Register a model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(model.modelFiles().describe(),
                FileKinds.globs(model.modelFiles().extensions())));
        java.io.File chosen = chooser.showOpenDialog(getScene().getWindow());
        if (chosen != null) {
            askAndRegister(chosen.toPath(), name);
        }
    }

    /** Asks for the registered model's name (prefilled from the file name) and registers the file. */
    public void askAndRegister(Path file, String name) {
        Optional<RegisterDialog.Answer> answer = new RegisterDialog(file,
                name != null ? name : suggestedName(file)).showAndWait();
        answer.ifPresent(a -> model.register(file, a.name(), a.description()));
    }

    static String suggestedName(Path file) {
        String stem = file.getFileName().toString();
        int dot = stem.lastIndexOf('.');
        return (dot > 0 ? stem.substring(0, dot) : stem).replace('/', '-').toLowerCase(Locale.ROOT);
    }

    static HBox row(javafx.scene.Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
