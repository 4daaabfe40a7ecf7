package dev.cairn.app.drift;

import dev.cairn.charts.CategoryBarsChart;
import dev.cairn.charts.DriftSummaryTiles;
import dev.cairn.charts.HistogramChart;
import dev.cairn.charts.MetricChart;
import dev.cairn.charts.Series;
import dev.cairn.core.drift.ColumnChart;
import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.drift.ColumnTest;
import dev.cairn.core.drift.ColumnType;
import dev.cairn.core.drift.DriftReport;
import dev.cairn.core.plugins.FileKinds;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Drift section: choose (or drop) a reference and a current CSV file, compare them (Ctrl+Enter; Esc cancels),
 * and read the verdict: summary tiles, a drift score per column, a table of every column's test, score and
 * threshold (test and threshold editable per column, then compare again), and the selected column's reference and
 * current distributions overlaid. Export as a self-contained HTML page or JSON.
 */
public final class DriftView extends ScrollPane {

    private static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final DriftViewModel model;
    private final DriftSummaryTiles tiles = new DriftSummaryTiles();
    private final CategoryBarsChart scores = new CategoryBarsChart("Drift score per column (red: drifted)",
            "p-value or distance");
    private final TableView<ColumnDrift> table = new TableView<>();
    private final HistogramChart histogram = new HistogramChart("", "value");
    private final CategoryBarsChart categories = new CategoryBarsChart("", "share of rows");
    private final StackPane distribution = new StackPane(histogram, categories);
    private final Label hint = new Label();

    public DriftView(DriftViewModel model) {
        this.model = model;
        setId("drift-view");
        setFitToWidth(true);
        getStyleClass().add("section-view");
        Label title = new Label("Drift");
        title.getStyleClass().add("title-2");
        Label error = new Label();
        error.setId("drift-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.textProperty().bind(model.error());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        hint.setText("Drop two " + model.datasetFiles().describe() + " on the window (reference first), or choose them "
                + "here. Columns are typed as Evidently types them and each is tested with Evidently's default test for "
                + "its type and size.");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");

        VBox results = results();
        results.visibleProperty().bind(model.report().isNotNull());
        results.managedProperty().bind(results.visibleProperty());
        VBox content = new VBox(12, title, hint, files(), controls(), error, results);
        content.setPadding(new Insets(16));
        setContent(content);

        model.report().addListener((obs, old, report) -> show(report));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, column) -> showColumn(column));
        addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (RUN.match(event)) {
                model.compare();
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE && model.running().get()) {
                model.cancel();
                event.consume();
            }
        });
    }

    private GridPane files() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, label("Reference"), path("drift-reference", model.reference()),
                choose("drift-choose-reference", () -> chooseFile("Reference data").ifPresent(model.reference()::set)));
        grid.addRow(1, label("Current"), path("drift-current", model.current()),
                choose("drift-choose-current", () -> chooseFile("Current data").ifPresent(model.current()::set)));
        Button swap = new Button("\u21c5 Swap");
        swap.setTooltip(new Tooltip("Swap reference and current"));
        swap.setOnAction(event -> model.swap());
        grid.add(swap, 3, 0, 1, 2);
        return grid;
    }

    private HBox controls() {
        TextField share = new TextField();
        share.setId("drift-share");
        share.setPrefColumnCount(4);
        share.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a crowded bar must not squeeze "0.5" away
        share.textProperty().bindBidirectional(model.driftShare());
        share.setTooltip(new Tooltip("Dataset drift when at least this share of the columns drifted (0.5 by "
                + "default, as in Evidently)"));
        Button compare = new Button("Compare");
        compare.setId("drift-compare");
        compare.setDefaultButton(false);
        compare.setTooltip(new Tooltip("Compare current with reference (Ctrl+Enter)"));
        compare.disableProperty().bind(model.running().or(model.reference().isNull()).or(model.current().isNull()));
        compare.setOnAction(event -> model.compare());
        Button cancel = new Button("Cancel");
        cancel.setId("drift-cancel");
        cancel.disableProperty().bind(model.running().not());
        cancel.setOnAction(event -> model.cancel());
        ProgressBar bar = new ProgressBar(0);
        bar.setId("drift-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(model.progress());
        Label phase = new Label();
        phase.setId("drift-phase");
        phase.textProperty().bind(model.phase());
        Button html = new Button("Export HTML\u2026");
        html.setId("drift-export-html");
        html.disableProperty().bind(model.report().isNull());
        html.setOnAction(event -> export(true));
        Button json = new Button("Export JSON\u2026");
        json.setId("drift-export-json");
        json.disableProperty().bind(model.report().isNull());
        json.setOnAction(event -> export(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Button button : List.of(compare, cancel, html, json)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        phase.setMinWidth(0);
        HBox.setHgrow(phase, Priority.SOMETIMES);
        HBox row = new HBox(8, label("Drift share"), share, compare, cancel, bar, phase, spacer, html, json);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private VBox results() {
        scores.setId("drift-scores");
        scores.setPrefHeight(260);
        table.setId("drift-columns");
        table.setEditable(true);
        table.setFixedCellSize(28);
        table.getColumns().setAll(List.of(
                includeColumn(),
                text("Column", 170, ColumnDrift::column),
                typeColumn(),
                testColumn(),
                number("Statistic", ColumnDrift::statistic),
                number("Score", ColumnDrift::score),
                thresholdColumn(),
                driftedColumn(),
                text("Rows", 110, c -> String.format(Locale.ROOT, "%,d \u2192 %,d", c.referenceSize(),
                        c.currentSize()))));
        histogram.setId("drift-histogram");
        histogram.setValueLabel("share of rows");
        categories.setId("drift-categories");
        distribution.setPrefHeight(300);
        Label pick = new Label("Choose a column to see its reference and current distributions. Change a column's "
                + "type, test or threshold, or untick it to leave it out, then Compare again.");
        Label leftOut = new Label();
        leftOut.setId("drift-left-out");
        leftOut.getStyleClass().add("text-muted");
        leftOut.textProperty().bind(Bindings.createStringBinding(() -> model.excluded().isEmpty() ? ""
                : "Left out of the next comparison: " + String.join(", ", model.excluded()), model.excluded()));
        Button includeAll = new Button("Include all");
        includeAll.visibleProperty().bind(Bindings.isNotEmpty(model.excluded()));
        includeAll.setOnAction(event -> {
            List.copyOf(model.excluded()).forEach(name -> model.exclude(name, false));
            table.refresh();
        });
        HBox excludedRow = new HBox(8, leftOut, includeAll);
        excludedRow.setAlignment(Pos.CENTER_LEFT);
        pick.getStyleClass().add("text-muted");
        pick.setWrapText(true);
        return new VBox(10, tiles, scores, table, excludedRow, pick, distribution);
    }

    private void show(DriftReport report) {
        if (report == null) {
            return;
        }
        tiles.show(report.datasetDrift(), report.driftedColumns(), report.columns().size(), report.driftShare(),
                report.reference().rows(), report.current().rows());
        List<String> names = report.columns().stream().map(ColumnDrift::column).toList();
        double[] values = report.columns().stream().mapToDouble(ColumnDrift::score).toArray();
        boolean[] drifted = new boolean[names.size()];
        for (int i = 0; i < drifted.length; i++) {
            drifted[i] = report.columns().get(i).drifted();
        }
        scores.showFlagged(names, values, drifted);
        table.getItems().setAll(report.columns());
        table.setPrefHeight((report.columns().size() + 1.5) * table.getFixedCellSize());
        table.getSelectionModel().select(report.columns().stream().filter(ColumnDrift::drifted).findFirst()
                .orElse(report.columns().isEmpty() ? null : report.columns().get(0)));
    }

    /** Reference and current as shares of their rows, so samples of different sizes compare bin by bin. */
    private void showColumn(ColumnDrift column) {
        if (column == null) {
            return;
        }
        ColumnChart chart = column.chart();
        double[] reference = shares(chart.reference());
        double[] current = shares(chart.current());
        boolean numerical = chart.numerical();
        histogram.setVisible(numerical);
        categories.setVisible(!numerical);
        String title = column.column() + ": " + (column.drifted() ? "drifted" : "no drift") + " (" + column.test()
                .id() + " " + MetricChart.number(column.score()) + ", threshold " + MetricChart.number(column.threshold())
                + ")";
        if (numerical) {
            double[] centres = new double[reference.length];
            for (int i = 0; i < centres.length; i++) {
                centres[i] = (chart.edges()[i] + chart.edges()[i + 1]) / 2;
            }
            histogram.chart().setTitle(title);
            histogram.show(List.of(new Series("reference", centres, reference), new Series("current", centres,
                    current)));
        } else {
            categories.show(chart.labels(), List.of(new CategoryBarsChart.Bars("reference", reference),
                    new CategoryBarsChart.Bars("current", current)));
            categories.setTitle(title);
        }
    }

    private static double[] shares(long[] counts) {
        long total = Arrays.stream(counts).sum();
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = total == 0 ? 0 : (double) counts[i] / total;
        }
        return shares;
    }

    private TableColumn<ColumnDrift, ColumnTest> testColumn() {
        TableColumn<ColumnDrift, ColumnTest> column = new TableColumn<>("Test");
        column.setPrefWidth(230);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().test()));
        column.setCellFactory(view -> new TableCell<>() {
            private final ComboBox<ColumnTest> box = new ComboBox<>();

            {
                box.setMaxWidth(Double.MAX_VALUE);
                box.setOnAction(event -> {
                    ColumnDrift row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null && box.getValue() != null && box.getValue() != row.test()) {
                        model.chooseTest(row.column(), box.getValue());
                        hint.setText("Test of " + row.column() + " set to " + box.getValue().displayName()
                                + "; Compare again to apply it.");
                    }
                });
            }

            @Override
            protected void updateItem(ColumnTest test, boolean empty) {
                super.updateItem(test, empty);
                ColumnDrift row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row == null) {
                    setGraphic(null);
                    return;
                }
                box.setItems(FXCollections.observableArrayList(model.tests().applicableTo(row.type())));
                box.setValue(test);
                setGraphic(box);
            }
        });
        return column;
    }

    /** A tick per column: untick to leave it out of the next comparison (ids, dates, the target). */
    private TableColumn<ColumnDrift, Boolean> includeColumn() {
        TableColumn<ColumnDrift, Boolean> column = new TableColumn<>("Use");
        column.setPrefWidth(50);
        column.setCellFactory(view -> new TableCell<>() {
            private final javafx.scene.control.CheckBox box = new javafx.scene.control.CheckBox();

            {
                box.setOnAction(event -> {
                    ColumnDrift row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null) {
                        model.exclude(row.column(), !box.isSelected());
                    }
                });
            }

            @Override
            protected void updateItem(Boolean item, boolean empty) {
                super.updateItem(item, empty);
                ColumnDrift row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row == null) {
                    setGraphic(null);
                    return;
                }
                box.setSelected(!model.excluded().contains(row.column()));
                setGraphic(box);
            }
        });
        return column;
    }

    /** Numerical or categorical, as Evidently's rule typed it; changeable for the next comparison. */
    private TableColumn<ColumnDrift, ColumnType> typeColumn() {
        TableColumn<ColumnDrift, ColumnType> column = new TableColumn<>("Type");
        column.setPrefWidth(95);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().type()));
        column.setCellFactory(view -> new TableCell<>() {
            private final ComboBox<ColumnType> box = new ComboBox<>(FXCollections.observableArrayList(
                    ColumnType.values()));

            {
                box.setConverter(new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(ColumnType type) {
                        return type == null ? "" : type.shortName();
                    }

                    @Override
                    public ColumnType fromString(String text) {
                        return ColumnType.parse(text);
                    }
                });
                box.setOnAction(event -> {
                    ColumnDrift row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null && box.getValue() != null && box.getValue() != row.type()) {
                        model.chooseType(row.column(), box.getValue());
                        hint.setText(row.column() + " will be compared as " + box.getValue().shortName()
                                + "; Compare again to apply it.");
                    }
                });
            }

            @Override
            protected void updateItem(ColumnType type, boolean empty) {
                super.updateItem(type, empty);
                if (empty || type == null) {
                    setGraphic(null);
                    return;
                }
                box.setValue(type);
                setGraphic(box);
            }
        });
        return column;
    }

    private TableColumn<ColumnDrift, String> thresholdColumn() {
        TableColumn<ColumnDrift, String> column = new TableColumn<>("Threshold");
        column.setPrefWidth(100);
        column.setEditable(true);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(MetricChart.number(cell.getValue().threshold())));
        column.setCellFactory(javafx.scene.control.cell.TextFieldTableCell.forTableColumn());
        column.setOnEditCommit(event -> {
            ColumnDrift row = event.getRowValue();
            try {
                double value = Double.parseDouble(event.getNewValue().trim());
                model.chooseThreshold(row.column(), value);
                hint.setText("Threshold of " + row.column() + " set to " + value + "; Compare again to apply it.");
            } catch (NumberFormatException e) {
                model.error().set("A threshold is a number, e.g. 0.05; got '" + event.getNewValue() + "'.");
            }
            table.refresh();
        });
        return column;
    }

    private static TableColumn<ColumnDrift, String> driftedColumn() {
        TableColumn<ColumnDrift, String> column = new TableColumn<>("Drifted");
        column.setPrefWidth(80);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().drifted() ? "yes" : "no"));
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll("drifted", "stable");
                if (!empty && text != null) {
                    getStyleClass().add(text.equals("yes") ? "drifted" : "stable");
                }
            }
        });
        return column;
    }

    private static TableColumn<ColumnDrift, String> text(String title, double width,
            java.util.function.Function<ColumnDrift, String> value) {
        TableColumn<ColumnDrift, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setEditable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<ColumnDrift, String> number(String title,
            java.util.function.ToDoubleFunction<ColumnDrift> value) {
        TableColumn<ColumnDrift, String> column = text(title, 120,
                c -> MetricChart.number(value.applyAsDouble(c)));
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    private void export(boolean html) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(html ? "Export the drift report as HTML" : "Export the drift report as JSON");
        chooser.setInitialFileName(html ? "drift-report.html" : "drift-report.json");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.export(file.toPath(), html);
        }
    }

    private java.util.Optional<Path> chooseFile(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        // CSV and the plugins' formats; .txt too, as CSV files are often saved so.
        java.util.List<String> patterns = new java.util.ArrayList<>(FileKinds.globs(model.datasetFiles().extensions()));
        patterns.add("*.txt");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Datasets", patterns),
                new FileChooser.ExtensionFilter("All files", "*"));
        return java.util.Optional.ofNullable(chooser.showOpenDialog(getScene().getWindow())).map(File::toPath);
    }

    private static Label path(String id, javafx.beans.value.ObservableValue<Path> file) {
        Label label = new Label();
        label.setId(id);
        label.setMinWidth(360);
        label.textProperty().bind(Bindings.createStringBinding(() -> file.getValue() == null ? "none chosen"
                : file.getValue().toString(), file));
        return label;
    }

    private static Button choose(String id, Runnable action) {
        Button button = new Button("Choose\u2026");
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** For tests. */
    public TableView<ColumnDrift> columnsTable() {
        return table;
    }

    public HistogramChart histogram() {
        return histogram;
    }

    public CategoryBarsChart categoryChart() {
        return categories;
    }

    public DriftSummaryTiles summaryTiles() {
        return tiles;
    }
}
