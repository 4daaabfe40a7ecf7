package dev.cairn.app.registry;

import dev.cairn.runtime.tensor.IoSpec;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The inference playground: a form, a JSON request or a CSV batch in; a result table and the JSON response out. */
public final class PlaygroundPane extends VBox {

    private final PlaygroundViewModel model;
    private final GridPane form = new GridPane();
    private final Map<String, List<TextField>> fields = new LinkedHashMap<>();
    private final TableView<List<String>> table = new TableView<>();
    private final Label notes = new Label();
    private final TabPane modes = new TabPane();

    public PlaygroundPane(PlaygroundViewModel model) {
        this.model = model;
        setId("playground");
        setSpacing(8);
        setPadding(new Insets(8));

        Label status = new Label();
        status.setId("playground-status");
        status.textProperty().bind(model.status());
        Label error = new Label();
        error.setId("playground-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.textProperty().bind(model.error());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        form.setId("playground-form");
        form.setHgap(6);
        form.setVgap(6);
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setFitToWidth(true);
        TextArea json = new TextArea();
        json.setId("playground-json");
        json.getStyleClass().add("monospace");
        json.textProperty().bindBidirectional(model.requestJson());
        Button chooseCsv = new Button("Run a CSV batch\u2026");
        chooseCsv.setId("playground-csv");
        chooseCsv.disableProperty().bind(model.ready().not().or(model.running()));
        chooseCsv.setOnAction(event -> chooseCsv());
        Label csvHint = new Label("A header row naming the model's inputs (one column each), or, for a model with a "
                + "single [N, K] input, K columns; one row per example.");
        csvHint.setWrapText(true);
        VBox csv = new VBox(8, csvHint, chooseCsv);
        csv.setPadding(new Insets(8));
        Tab formTab = new Tab("Form", formScroll);
        formTab.setId("playground-tab-form");
        Tab jsonTab = new Tab("JSON request", json);
        jsonTab.setId("playground-tab-json");
        Tab csvTab = new Tab("CSV batch", csv);
        csvTab.setId("playground-tab-csv");
        modes.getTabs().setAll(formTab, jsonTab, csvTab);
        modes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        Button run = new Button("Run");
        run.setId("playground-run");
        run.setDefaultButton(false);
        run.disableProperty().bind(model.ready().not().or(model.running()));
        run.setOnAction(event -> run());
        Button stop = new Button("Stop");
        stop.setId("playground-stop");
        stop.disableProperty().bind(model.running().not());
        stop.setOnAction(event -> model.cancel());
        Button export = new Button("Export CSV\u2026");
        export.setId("playground-export");
        export.disableProperty().bind(model.result().isNull());
        export.setOnAction(event -> export());
        Label shortcut = new Label("Ctrl+Enter runs");
        shortcut.getStyleClass().add("text-muted");
        HBox actions = ModelsView.row(run, stop, export, shortcut);

        table.setId("playground-results");
        table.setPlaceholder(new Label("Run the model to see its outputs here."));
        notes.setWrapText(true);
        notes.getStyleClass().add("text-muted");
        TextArea response = new TextArea();
        response.setId("playground-response");
        response.setEditable(false);
        response.textProperty().bind(model.responseJson());
        TabPane outputs = new TabPane(new Tab("Table", new VBox(4, table, notes)), new Tab("JSON response", response));
        outputs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(table, Priority.ALWAYS);

        SplitPane split = new SplitPane(modes, outputs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().setAll(status, error, split, actions);

        setOnKeyPressed(event -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(event) && !run.isDisabled()) {
                run();
                event.consume();
            }
        });
        model.inputs().addListener((ListChangeListener<IoSpec>) change -> buildForm());
        model.result().addListener((obs, old, shown) -> showResult(shown));
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                model.close();
            }
        });
        model.open();
    }

    private void buildForm() {
        form.getChildren().clear();
        fields.clear();
        int row = 0;
        boolean anyField = false;
        for (IoSpec input : model.inputs()) {
            Label name = new Label(input.name());
            Label type = new Label(input.describe());
            type.getStyleClass().add("text-muted");
            if (!PlaygroundViewModel.fitsForm(input)) {
                form.addRow(row++, name, type, new Label("too large for a form: use the JSON request or a CSV batch"));
                continue;
            }
            anyField = true;
            long[] shape = PlaygroundViewModel.formShape(input);
            int count = 1;
            for (long dim : shape) {
                count *= (int) dim;
            }
            HBox boxes = new HBox(4);
            List<TextField> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TextField value = new TextField(input.elementType().name().equals("STRING") ? "" : "0");
                value.setPrefColumnCount(6);
                value.setId("input-" + input.name() + "-" + i);
                value.setOnAction(event -> run());
                values.add(value);
                boxes.getChildren().add(value);
            }
            fields.put(input.name(), values);
            form.addRow(row++, name, type, boxes);
        }
        if (!anyField) {
            modes.getSelectionModel().select(1);
        }
    }

    private void run() {
        Tab mode = modes.getSelectionModel().getSelectedItem();
        if (mode.getId().equals("playground-tab-form")) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            fields.forEach((name, boxes) -> values.put(name, boxes.stream().map(TextField::getText).toList()));
            if (values.size() < model.inputs().size()) {
                model.error().set("Some inputs are too large for the form; use the JSON request or a CSV batch.");
                return;
            }
            model.runForm(values);
        } else if (mode.getId().equals("playground-tab-json")) {
            model.runJson(model.requestJson().get());
        } else {
            chooseCsv();
        }
    }

    private void chooseCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("CSV batch");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File chosen = chooser.showOpenDialog(getScene().getWindow());
        if (chosen != null) {
            model.runCsv(chosen.toPath());
        }
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export results");
        chooser.setInitialFileName("predictions.csv");
        File chosen = chooser.showSaveDialog(getScene().getWindow());
        if (chosen != null) {
            model.exportCsv(chosen.toPath());
        }
    }

    private void showResult(ResultTable result) {
        table.getColumns().clear();
        table.getItems().clear();
        if (result == null) {
            return;
        }
        TableColumn<List<String>, String> index = new TableColumn<>("#");
        index.setCellValueFactory(cell -> new ReadOnlyStringWrapper(""));
        index.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : Integer.toString(getIndex()));
            }
        });
        index.setPrefWidth(45);
        table.getColumns().add(index);
        for (int c = 0; c < result.columns().size(); c++) {
            int column = c;
            TableColumn<List<String>, String> tc = new TableColumn<>(result.columns().get(c));
            tc.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().get(column)));
            tc.setPrefWidth(Math.max(90, 8 * result.columns().get(c).length() + 24));
            table.getColumns().add(tc);
        }
        table.getItems().setAll(result.rows());
        notes.setText(String.join("\n", result.notes()));
    }
}
