package dev.cairn.app.tracking;

import dev.cairn.charts.MetricChart;
import dev.cairn.charts.ParallelCoordinatesChart;
import dev.cairn.charts.ScatterChart;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuButton;
import dev.cairn.charts.Series;
import dev.cairn.core.tracking.MetricSeries;
import dev.cairn.core.tracking.Run;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/** Runs compared: params that differ (highlighted) and every metric overlaid, one coloured line per run. */
public final class CompareView extends VBox {

    private final CompareViewModel model;
    private final TableView<CompareViewModel.ParamRow> params = new TableView<>();
    private final TilePane charts = new TilePane();
    private final List<MetricChart> chartViews = new ArrayList<>();
    private final ScatterChart scatter = new ScatterChart("Runs by two numbers");
    private final ComboBox<CompareViewModel.Dimension> scatterX = new ComboBox<>();
    private final ComboBox<CompareViewModel.Dimension> scatterY = new ComboBox<>();
    private final ParallelCoordinatesChart parallel = new ParallelCoordinatesChart();
    private final MenuButton parallelAxes = new MenuButton("Axes");

    /** @param back returns to the run table */
    public CompareView(CompareViewModel model, Runnable back) {
        super(10);
        this.model = model;
        setId("view-compare");
        getStyleClass().add("section-view");
        HBox header = new PageHeader(new Label("Compare runs"), model.loading(), back);

        CheckBox onlyDifferences = new CheckBox("Only parameters that differ");
        onlyDifferences.setId("compare-only-differences");
        onlyDifferences.selectedProperty().bindBidirectional(model.onlyDifferences());
        params.setId("compare-params");
        params.setItems(model.params());
        params.setPrefHeight(220);
        params.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(CompareViewModel.ParamRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("differs");
                if (!empty && row != null && row.differs()) {
                    getStyleClass().add("differs");
                }
            }
        });
        Label none = new Label("No parameters differ.");
        params.setPlaceholder(none);

        charts.setId("compare-charts");
        charts.setHgap(12);
        charts.setVgap(12);
        charts.setPrefTileWidth(520);
        charts.setPrefTileHeight(320);
        VBox content = new VBox(10, onlyDifferences, params, section("Metrics, one line per run"), charts,
                section("Scatter"), scatterPane(), section("Parallel coordinates"), parallelPane());
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, scroll);

        model.runs().addListener((ListChangeListener<Run>) change -> buildColumns());
        model.metrics().addListener((ListChangeListener<CompareViewModel.MetricOverlay>) change -> buildCharts());
        model.dimensions().addListener((ListChangeListener<CompareViewModel.Dimension>) change -> chooseDimensions());
    }

    private VBox scatterPane() {
        scatter.setId("compare-scatter");
        scatter.setPrefHeight(340);
        scatterX.setId("compare-scatter-x");
        scatterY.setId("compare-scatter-y");
        scatterX.setItems(model.dimensions());
        scatterY.setItems(model.dimensions());
        scatterX.valueProperty().addListener((o, old, chosen) -> drawScatter());
        scatterY.valueProperty().addListener((o, old, chosen) -> drawScatter());
        HBox choice = new HBox(8, new Label("x"), scatterX, new Label("y"), scatterY);
        choice.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return new VBox(6, choice, scatter);
    }

    private VBox parallelPane() {
        parallel.setId("compare-parallel");
        parallelAxes.setId("compare-parallel-axes");
        parallelAxes.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label hint = new Label("Each axis runs from its lowest value (bottom) to its highest (top); a run's colour "
                + "is the same as in the charts above.");
        hint.getStyleClass().addAll("text-muted", "text-small");
        hint.setWrapText(true);
        return new VBox(6, new HBox(8, parallelAxes, hint), parallel);
    }

    /** Sensible first choices: a param that differs against the first metric; up to eight axes. */
    private void chooseDimensions() {
        List<CompareViewModel.Dimension> all = model.dimensions();
        List<CompareViewModel.Dimension> params = all.stream().filter(d -> d.label().startsWith("param ")).toList();
        List<CompareViewModel.Dimension> metrics = all.stream().filter(d -> !d.label().startsWith("param ")
                && !d.label().endsWith("(min)") && !d.label().endsWith("(max)")).toList();
        scatterX.setValue(!params.isEmpty() ? params.get(0) : all.isEmpty() ? null : all.get(0));
        scatterY.setValue(!metrics.isEmpty() ? metrics.get(0) : all.size() > 1 ? all.get(1) : null);
        parallelAxes.getItems().clear();
        List<CompareViewModel.Dimension> first = new ArrayList<>(params);
        first.addAll(metrics);
        for (CompareViewModel.Dimension dimension : all) {
            CheckMenuItem item = new CheckMenuItem(dimension.label());
            item.setSelected(first.indexOf(dimension) >= 0 && first.indexOf(dimension) < 8);
            item.selectedProperty().addListener((o, old, on) -> drawParallel());
            item.setUserData(dimension);
            parallelAxes.getItems().add(item);
        }
        drawParallel();
    }

    private void drawScatter() {
        CompareViewModel.Dimension x = scatterX.getValue();
        CompareViewModel.Dimension y = scatterY.getValue();
        List<Run> runs = model.runs();
        List<ScatterChart.Point> points = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            points.add(new ScatterChart.Point(runs.get(i).info().runName(), x == null ? Double.NaN : x.values()[i],
                    y == null ? Double.NaN : y.values()[i]));
        }
        scatter.show(x == null ? "" : x.label(), y == null ? "" : y.label(), points);
    }

    private void drawParallel() {
        List<CompareViewModel.Dimension> axes = parallelAxes.getItems().stream()
                .filter(item -> ((CheckMenuItem) item).isSelected())
                .map(item -> (CompareViewModel.Dimension) item.getUserData()).toList();
        List<Run> runs = model.runs();
        List<ParallelCoordinatesChart.Line> lines = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            double[] values = new double[axes.size()];
            for (int d = 0; d < axes.size(); d++) {
                values[d] = axes.get(d).values()[i];
            }
            lines.add(new ParallelCoordinatesChart.Line(runs.get(i).info().runName(), values));
        }
        parallel.show(axes.stream().map(CompareViewModel.Dimension::label).toList(), lines);
    }

    /** For tests. */
    public ScatterChart scatterChart() {
        return scatter;
    }

    public ParallelCoordinatesChart parallelChart() {
        return parallel;
    }

    /** The overlay charts drawn now, for tests. */
    public List<MetricChart> charts() {
        return List.copyOf(chartViews);
    }

    private void buildColumns() {
        params.getColumns().clear();
        TableColumn<CompareViewModel.ParamRow, String> key = new TableColumn<>("Parameter");
        key.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().key()));
        key.setPrefWidth(200);
        params.getColumns().add(key);
        List<Run> runs = model.runs();
        for (int i = 0; i < runs.size(); i++) {
            int index = i;
            TableColumn<CompareViewModel.ParamRow, String> column = new TableColumn<>(runs.get(i).info().runName());
            column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
                    cell.getValue().values().get(index) == null ? "—" : cell.getValue().values().get(index)));
            column.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(String value, boolean empty) {
                    super.updateItem(value, empty);
                    setText(empty ? null : value);
                    setStyle(empty ? "" : "-fx-text-fill: " + MetricChart.PALETTE.get(index % MetricChart.PALETTE.size()) + ";");
                }
            });
            column.setPrefWidth(150);
            params.getColumns().add(column);
        }
    }

    private void buildCharts() {
        chartViews.clear();
        charts.getChildren().clear();
        List<Run> runs = model.runs();
        for (CompareViewModel.MetricOverlay overlay : model.metrics()) {
            MetricChart chart = new MetricChart(overlay.key());
            chart.setId("compare-chart-" + overlay.key());
            List<Series> lines = new ArrayList<>();
            // Every run keeps its position (and so its colour) even when it did not log this metric.
            for (Run run : runs) {
                MetricSeries series = overlay.byRun().get(run);
                lines.add(series == null ? new Series(run.info().runName(), new double[0], new double[0])
                        : new Series(run.info().runName(),
                        XAxisMode.STEP.values(series.steps(), series.timestamps(), 0), series.values()));
            }
            chart.show(lines);
            chartViews.add(chart);
            charts.getChildren().add(chart);
        }
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-4");
        return label;
    }
}
