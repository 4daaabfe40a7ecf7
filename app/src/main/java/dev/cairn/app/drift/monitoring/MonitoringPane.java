package dev.cairn.app.drift.monitoring;

import dev.cairn.app.shell.Notifier;
import dev.cairn.app.task.TaskExecutor;
import dev.cairn.charts.DriftTimelineChart;
import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.monitoring.DriftAlert;
import dev.cairn.core.monitoring.MonitoringResult;
import dev.cairn.core.monitoring.PredictionMonitor;
import dev.cairn.core.monitoring.WindowDrift;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Prediction monitoring as a node for the Drift section: pick or enter a model server (a known source, or a URL of
 * {@code cairn serve}, {@code cairn-runtime.jar --log-dir} or a deployment), pull its prediction log, compare it with
 * a reference CSV per hour, day or N rows, and see the drift timeline, the windows and the selected window's columns.
 * Windows that newly cross the threshold are announced through the {@link Notifier}.
 *
 * <p>Wiring: {@code new MonitoringPane(PredictionMonitor.of(workspace.store(), Clock.systemUTC()), services.tasks(),
 * services.notifier())}, then call {@link #load()} when the tab is first shown. Node ids start with {@code monitor-}.
 */
public final class MonitoringPane extends VBox {

    private final MonitoringViewModel model;
    private final DriftTimelineChart timeline = new DriftTimelineChart();
    private final TableView<WindowDrift> windowTable = new TableView<>();
    private final TableView<ColumnDrift> columnTable = new TableView<>();

    public MonitoringPane(PredictionMonitor monitor, TaskExecutor tasks, Notifier notifier) {
        this(new MonitoringViewModel(monitor, tasks, notifier, Platform::runLater));
    }

    MonitoringPane(MonitoringViewModel model) {
        super(8);
        this.model = model;
        setId("monitor-pane");
        setPadding(new Insets(12));
        Label error = new Label();
        error.setId("monitor-error");
        error.getStyleClass().add("text-danger");
        error.setWrapText(true);
        error.textProperty().bind(model.error());
        error.visibleProperty().bind(model.error().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        SplitPane tables = new SplitPane(buildWindowTable(), buildColumnTable(), alertList());
        tables.setDividerPositions(0.42, 0.8);
        SplitPane body = new SplitPane(timeline, tables);
        body.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(sourceRow(), referenceRow(), error, body);
        model.result().addListener((obs, old, result) -> showTimeline(result));
    }

    /** Lists the sources pulled so far; call once the pane is shown. */
    public void load() {
        model.loadSources();
    }

    public MonitoringViewModel model() {
        return model;
    }

    public DriftTimelineChart timeline() {
        return timeline;
    }

    public TableView<WindowDrift> windowTable() {
        return windowTable;
    }

    public TableView<ColumnDrift> columnTable() {
        return columnTable;
    }

    private HBox sourceRow() {
        ComboBox<String> source = new ComboBox<>(model.sources());
        source.setId("monitor-source");
        source.setEditable(true);
        source.setPromptText("http://host:port or a source");
        source.setPrefWidth(360);
        source.valueProperty().bindBidirectional(model.source());
        // An editable combo box commits typed text on Enter or focus loss; a click on Pull must see it too.
        source.getEditor().textProperty().addListener((obs, old, text) -> model.source().set(text));
        Button pull = button("Pull", "monitor-pull", model::pull);
        Button cancel = button("Cancel", "monitor-cancel", model::cancel);
        pull.disableProperty().bind(model.busy());
        cancel.disableProperty().bind(model.busy().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("monitor-progress");
        progress.progressProperty().bind(model.progress());
        Label status = new Label();
        status.setId("monitor-status");
        status.textProperty().bind(model.status());
        HBox.setHgrow(status, Priority.ALWAYS);
        return row(new Label("Source"), source, pull, cancel, progress, status);
    }

    private HBox referenceRow() {
        TextField reference = new TextField();
        reference.setId("monitor-reference");
        reference.setPromptText("reference.csv (columns named as the predictions' columns)");
        reference.textProperty().bindBidirectional(model.reference());
        HBox.setHgrow(reference, Priority.ALWAYS);
        Button choose = button("Choose\u2026", "monitor-choose-reference", () -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Reference data");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.tsv", "*.txt"));
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.reference().set(file.getAbsolutePath());
            }
        });
        ComboBox<String> window = new ComboBox<>();
        window.setId("monitor-window");
        window.getItems().setAll("hour", "day", "100", "500", "1000");
        window.setEditable(true);
        window.setPrefWidth(100);
        window.valueProperty().bindBidirectional(model.window());
        window.getEditor().textProperty().addListener((obs, old, text) -> model.window().set(text));
        TextField minRows = new TextField();
        minRows.setId("monitor-min-rows");
        minRows.setPrefColumnCount(4);
        minRows.textProperty().bindBidirectional(model.minRows());
        Button analyse = button("Analyse", "monitor-analyse", model::analyse);
        analyse.disableProperty().bind(model.busy());
        return row(new Label("Reference"), reference, choose, new Label("Window"), window, new Label("Min rows"),
                minRows, analyse);
    }

    private TableView<WindowDrift> buildWindowTable() {
        windowTable.setId("monitor-windows");
        windowTable.setItems(model.windows());
        windowTable.getColumns().setAll(List.of(
                column("Start", w -> w.start().toString()),
                column("Rows", w -> String.format(Locale.ROOT, "%,d", w.rows())),
                column("Drifted share", w -> w.tooSmall() ? "-" : String.format(Locale.ROOT, "%.3f", w.driftedShare())),
                column("Verdict", w -> w.tooSmall() ? "too small" : w.datasetDrift() ? "DRIFT" : "no drift")));
        windowTable.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> {
            if (chosen != null) {
                model.selectedWindow().set(chosen);
            }
        });
        windowTable.setPlaceholder(new Label("Pull a source and analyse it against a reference."));
        return windowTable;
    }

    private TableView<ColumnDrift> buildColumnTable() {
        columnTable.setId("monitor-columns");
        columnTable.setItems(model.windowColumns());
        columnTable.getColumns().setAll(List.of(
                column("Column", ColumnDrift::column),
                column("Type", c -> c.type().shortName()),
                column("Test", c -> c.test().id()),
                column("Score", c -> String.format(Locale.ROOT, "%.4g", c.score())),
                column("Threshold", c -> String.format(Locale.ROOT, "%.3g", c.threshold())),
                column("Drift", c -> c.drifted() ? "DRIFT" : "")));
        columnTable.setPlaceholder(new Label("Choose a window."));
        return columnTable;
    }

    private ListView<String> alertList() {
        ListView<String> alerts = new ListView<>();
        alerts.setId("monitor-alerts");
        alerts.setPlaceholder(new Label("No alerts."));
        model.alerts().addListener((javafx.collections.ListChangeListener<DriftAlert>) change ->
                alerts.getItems().setAll(model.alerts().stream().map(a -> a.windowKey() + ": " + a.reason()).toList()));
        return alerts;
    }

    private void showTimeline(MonitoringResult result) {
        if (result == null) {
            return;
        }
        double threshold = result.windows().stream().filter(w -> !w.tooSmall()).findFirst()
                .map(w -> w.report().driftShare()).orElse(0.5);
        timeline.show(result.windows().stream().map(w -> new DriftTimelineChart.Window(
                w.start().toEpochMilli() / 1000.0, w.driftedShare(), w.datasetDrift())).toList(), threshold);
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }

    private static HBox row(javafx.scene.Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
