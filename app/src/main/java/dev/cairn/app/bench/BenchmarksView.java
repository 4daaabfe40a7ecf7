package dev.cairn.app.bench;

import dev.cairn.charts.MetricChart;
import dev.cairn.charts.Series;
import dev.cairn.core.bench.BenchmarkComparison;
import dev.cairn.core.bench.StoredBenchmark;
import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Benchmarks section: the stored results in a table; choosing rows compares them side by side (the oldest chosen
 * is the baseline, each figure shows its change from it, settings that differ are marked), overlays their
 * percentile curves, and plots the whole sweeps the chosen rows belong to. Export CSV/JSON and Delete act on the
 * chosen rows.
 */
public final class BenchmarksView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private static final double ROW_HEIGHT = 26;

    private final BenchmarksViewModel model;
    private final TableView<StoredBenchmark> table = new TableView<>();
    private final TableView<ComparisonRow> comparisonTable = new TableView<>();
    private final MetricChart percentiles = new MetricChart("Latency by percentile, one line per benchmark");
    private final SweepCharts sweepCharts = new SweepCharts();

    /** One line of the comparison: a setting (text) or a figure (values and changes). */
    record ComparisonRow(String name, List<String> cells, List<String> styles, boolean differs) {
    }

    public BenchmarksView(BenchmarksViewModel model) {
        super(8);
        this.model = model;
        setId("view-benchmarks");
        getStyleClass().add("section-view");
        setPadding(new Insets(12));

        Label title = new Label("Benchmarks");
        title.getStyleClass().add("title-3");
        TextField filter = new TextField();
        filter.setId("benchmarks-filter");
        filter.setPromptText("Filter by model");
        filter.textProperty().bindBidirectional(model.filter());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.loading());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button csv = button("benchmarks-export-csv", "Export CSV\u2026", "The chosen results, one row each",
                () -> export(BenchmarksViewModel.Format.CSV));
        Button json = button("benchmarks-export-json", "Export JSON\u2026",
                "The chosen results with their latency histograms", () -> export(BenchmarksViewModel.Format.JSON));
        Button delete = button("benchmarks-delete", "Delete", "Delete the chosen results (Delete)", this::delete);
        Button refresh = button("benchmarks-refresh", "Refresh", "Read the stored results again (F5)", model::load);
        var nothingChosen = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        csv.disableProperty().bind(nothingChosen);
        json.disableProperty().bind(nothingChosen);
        delete.disableProperty().bind(nothingChosen);
        HBox header = new HBox(10, title, filter, busy, spacer, csv, json, delete, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("benchmarks-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.textProperty().bind(model.error());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        buildTable();
        VBox detail = detail();
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        SplitPane split = new SplitPane(table, detailScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header, error, split);

        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.F5) {
                model.load();
                event.consume();
            }
        });
        model.comparison().addListener((obs, old, comparison) -> showComparison(comparison));
        model.sweeps().addListener((ListChangeListener<List<StoredBenchmark>>) change ->
                sweepCharts.show(List.copyOf(model.sweeps())));
        // Read the list each time the section is shown: benchmarks run elsewhere (a version's tab, the CLI) appear.
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                model.load();
            }
        });
    }

    private void buildTable() {
        table.setId("benchmarks-table");
        table.setItems(model.benchmarks());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No benchmarks yet: open a model version's Benchmark tab, or run cairn bench."));
        table.getColumns().setAll(List.of(
                column("#", 50, b -> String.valueOf(b.id())),
                column("When", 150, b -> WHEN.format(Instant.ofEpochMilli(b.createdAtMillis()))),
                column("Model", 160, b -> b.model().name()),
                column("Version", 70, b -> b.model().version() == null ? "file" : "v" + b.model().version()),
                column("Sweep", 110, b -> b.sweep() == null ? "" : b.sweep().sweepId() + " \u00b7 "
                        + b.sweep().parameter().key() + " " + b.sweep().valueIn(b)),
                column("Batch", 70, b -> String.valueOf(b.result().samplesPerInference())),
                column("Concurrency", 105, b -> String.valueOf(b.result().settings().concurrency())),
                column("Threads", 80, b -> b.result().settings().intraOpThreads() == 0 ? "default"
                        : String.valueOf(b.result().settings().intraOpThreads())),
                number("Inferences/s", b -> b.result().inferencesPerSecond(), "%,.1f"),
                number("Samples/s", b -> b.result().samplesPerSecond(), "%,.1f"),
                number("P50 ms", b -> b.result().latency().p50Nanos() / 1e6, "%.3f"),
                number("P99 ms", b -> b.result().latency().p99Nanos() / 1e6, "%.3f"),
                column("Machine", 220, b -> b.result().machine().cpuModel() + ", " + b.result().machine().cores()
                        + " cores")));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<StoredBenchmark>) change ->
                model.choose(List.copyOf(table.getSelectionModel().getSelectedItems())));
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE && !table.getSelectionModel().isEmpty()) {
                delete();
                event.consume();
            }
        });
    }

    private VBox detail() {
        Label hint = new Label("Choose benchmarks above to compare them (Ctrl+click, Shift+click); the oldest chosen "
                + "is the baseline. Choosing a point of a sweep plots the whole sweep.");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        comparisonTable.setId("benchmarks-comparison");
        comparisonTable.setFixedCellSize(ROW_HEIGHT);
        comparisonTable.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(ComparisonRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("differs");
                if (!empty && row != null && row.differs()) {
                    getStyleClass().add("differs");
                }
            }
        });
        percentiles.setId("benchmarks-percentiles");
        percentiles.setXAxis("percentile, in nines: 1 = P90, 2 = P99, 3 = P99.9", false);
        percentiles.setLogY(true);
        percentiles.setPrefHeight(300);
        var chosen = model.comparison().isNotNull();
        for (var node : List.of(comparisonTable, percentiles)) {
            node.visibleProperty().bind(chosen);
            node.managedProperty().bind(chosen);
        }
        hint.visibleProperty().bind(chosen.not());
        hint.managedProperty().bind(hint.visibleProperty());
        sweepCharts.visibleProperty().bind(Bindings.isNotEmpty(model.sweeps()));
        sweepCharts.managedProperty().bind(sweepCharts.visibleProperty());
        VBox detail = new VBox(10, hint, comparisonTable, sweepCharts, percentiles);
        detail.setPadding(new Insets(8));
        return detail;
    }

    private void showComparison(BenchmarkComparison comparison) {
        comparisonTable.getColumns().clear();
        comparisonTable.getItems().clear();
        if (comparison == null) {
            percentiles.show(List.of());
            return;
        }
        TableColumn<ComparisonRow, String> name = new TableColumn<>("");
        name.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
        name.setPrefWidth(170);
        comparisonTable.getColumns().add(name);
        List<StoredBenchmark> benchmarks = comparison.benchmarks();
        for (int i = 0; i < benchmarks.size(); i++) {
            int index = i;
            TableColumn<ComparisonRow, String> column = new TableColumn<>(BenchmarkComparison.label(benchmarks.get(i))
                    + (i == 0 && benchmarks.size() > 1 ? " (baseline)" : ""));
            column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().cells().get(index)));
            column.setCellFactory(view -> new TableCell<>() {
                @Override
                protected void updateItem(String text, boolean empty) {
                    super.updateItem(text, empty);
                    getStyleClass().removeAll("better", "worse");
                    setText(empty ? null : text);
                    ComparisonRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null && !row.styles().get(index).isEmpty()) {
                        getStyleClass().add(row.styles().get(index));
                    }
                }
            });
            column.setPrefWidth(230);
            comparisonTable.getColumns().add(column);
        }
        comparisonTable.getItems().setAll(rows(comparison));
        // Tall enough for every row: the page scrolls, not the table inside it.
        comparisonTable.setPrefHeight((comparisonTable.getItems().size() + 1.6) * ROW_HEIGHT);
        List<Series> curves = new ArrayList<>();
        for (StoredBenchmark b : benchmarks) {
            Series curve = LatencyCurve.of(b.result().histogram());
            curves.add(new Series(BenchmarkComparison.label(b), curve.x(), curve.y()));
        }
        percentiles.show(curves);
    }

    /** Figures first, with their change from the baseline, then the settings (marked where they differ). */
    static List<ComparisonRow> rows(BenchmarkComparison comparison) {
        int columns = comparison.benchmarks().size();
        List<ComparisonRow> rows = new ArrayList<>();
        List<String> plain = java.util.Collections.nCopies(columns, "");
        for (BenchmarkComparison.Figure figure : comparison.figures()) {
            List<String> cells = new ArrayList<>();
            List<String> styles = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                double value = figure.values()[i];
                String cell = Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT,
                        Math.abs(value) >= 100 ? "%,.1f" : "%.3f", value);
                double change = figure.change(i);
                String style = "";
                if (i > 0 && !Double.isNaN(change) && change != 0) {
                    cell += String.format(Locale.ROOT, "  (%+.1f%%)", change * 100);
                    style = figure.improves(i) ? "better" : "worse";
                }
                cells.add(cell);
                styles.add(style);
            }
            rows.add(new ComparisonRow(figure.name() + " (" + figure.unit() + ")", cells, styles, false));
        }
        for (BenchmarkComparison.Setting setting : comparison.settings()) {
            rows.add(new ComparisonRow(setting.name(), setting.values(), plain, setting.differs()));
        }
        return rows;
    }

    private void export(BenchmarksViewModel.Format format) {
        List<StoredBenchmark> chosen = List.copyOf(table.getSelectionModel().getSelectedItems());
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + chosen.size() + " benchmark(s)");
        String extension = format.name().toLowerCase(Locale.ROOT);
        chooser.setInitialFileName("benchmarks." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name(), "*." + extension));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.export(chosen, file.toPath(), format);
        }
    }

    private void delete() {
        List<StoredBenchmark> chosen = List.copyOf(table.getSelectionModel().getSelectedItems());
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + chosen.size()
                + " benchmark result(s)? This cannot be undone.", ButtonType.CANCEL, ButtonType.OK);
        confirm.setHeaderText(null);
        confirm.initOwner(getScene().getWindow());
        if (confirm.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            model.delete(chosen);
        }
    }

    /** For tests. */
    public TableView<StoredBenchmark> table() {
        return table;
    }

    public TableView<ComparisonRow> comparisonTable() {
        return comparisonTable;
    }

    public SweepCharts sweepCharts() {
        return sweepCharts;
    }

    public MetricChart percentileChart() {
        return percentiles;
    }

    private static TableColumn<StoredBenchmark, String> column(String title, double width,
            Function<StoredBenchmark, String> text) {
        TableColumn<StoredBenchmark, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** A column that sorts by the number and shows it formatted. */
    private static TableColumn<StoredBenchmark, Double> number(String title, Function<StoredBenchmark, Double> value,
            String format) {
        TableColumn<StoredBenchmark, Double> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(Double number, boolean empty) {
                super.updateItem(number, empty);
                setText(empty || number == null ? null : String.format(Locale.ROOT, format, number));
            }
        });
        column.setPrefWidth(115);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> action.run());
        return button;
    }
}
