package dev.cairn.app.tracking;

import dev.cairn.charts.MetricChart;
import dev.cairn.charts.Series;
import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.MetricSeries;
import dev.cairn.core.tracking.Run;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * A run's page: a chart per metric with all its points; the overview (facts, parent and children, markdown
 * description, params, editable tags, dataset inputs, MLflow 3's logged models); and the artifacts browser.
 */
public final class RunView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final RunViewModel model;
    private final Label title = new Label();
    private final GridPane facts = new GridPane();
    private final TableView<Map.Entry<String, String>> params = keyValueTable("run-params");
    private final Label inputs = new Label();
    private final TilePane charts = new TilePane();
    private final List<MetricChart> chartViews = new ArrayList<>();
    private final TextField paramFilter = new TextField();
    private final ArtifactsPane artifacts;
    private Consumer<String> openRun;

    /** @param back returns to the run table */
    public RunView(RunViewModel model, Runnable back) {
        super(10);
        this.model = model;
        this.openRun = model::open;
        this.artifacts = new ArtifactsPane(model.artifacts());
        setId("view-run");
        getStyleClass().add("section-view");
        HBox header = new PageHeader(title, model.loading(), back);

        TabPane tabs = new TabPane(new Tab("Metrics", metricsTab()), new Tab("Overview", overviewTab()),
                new Tab("Artifacts", artifacts));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("run-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(header, tabs);

        model.run().addListener((o, old, run) -> showRun(run));
        model.metrics().addListener((ListChangeListener<MetricSeries>) this::onMetricsChanged);
        model.xAxis().addListener((o, old, mode) -> redrawCharts());
        model.smoothing().addListener((o, old, weight) -> chartViews.forEach(chart -> chart.setSmoothing(weight.doubleValue())));
        model.logScale().addListener((o, old, log) -> chartViews.forEach(chart -> chart.setLogY(log)));
    }

    private VBox metricsTab() {
        ChoiceBox<XAxisMode> xAxis = new ChoiceBox<>(FXCollections.observableArrayList(XAxisMode.values()));
        xAxis.setId("run-x-axis");
        xAxis.valueProperty().bindBidirectional(model.xAxis());
        CheckBox log = new CheckBox("Log scale");
        log.setId("run-log-scale");
        log.selectedProperty().bindBidirectional(model.logScale());
        Slider smoothing = new Slider(0, 0.99, 0);
        smoothing.setId("run-smoothing");
        smoothing.setPrefWidth(160);
        smoothing.valueProperty().bindBidirectional(model.smoothing());
        Label hint = new Label("Drag to zoom, Ctrl+wheel to zoom, right-click to zoom out; the crosshair reads values.");
        hint.getStyleClass().addAll("text-small", "text-muted");
        Label xLabel = new Label("X axis");
        Label smoothingLabel = new Label("Smoothing");
        for (javafx.scene.control.Control control : List.of(xLabel, log, smoothingLabel)) {
            control.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox toolbar = new HBox(12, xLabel, xAxis, log, smoothingLabel, smoothing);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        charts.setId("run-charts");
        charts.setPrefColumns(2);
        charts.setHgap(12);
        charts.setVgap(12);
        charts.setPrefTileWidth(520);
        charts.setPrefTileHeight(320);
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(6, toolbar, hint, scroll);
        box.setPadding(new javafx.geometry.Insets(10, 0, 0, 0));
        return box;
    }

    private ScrollPane overviewTab() {
        facts.setHgap(24);
        facts.setVgap(6);
        facts.setId("run-facts");
        paramFilter.setPromptText("Filter params");
        params.setPlaceholder(new Label("No params. Log them with mlflow.log_param(key, value)."));
        paramFilter.setId("run-param-filter");
        inputs.setWrapText(true);
        VBox box = new VBox(10, facts, section("Description"), new RunDescriptionPane(model), section("Parameters"),
                paramFilter, params, section("Tags"), new RunTagsPane(model), section("Dataset inputs"), inputs,
                section("Logged models"), new LoggedModelsTable(model.loggedModels()));
        box.setPadding(new javafx.geometry.Insets(10, 14, 10, 0)); // keeps buttons clear of the scroll bar
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void showRun(Run run) {
        if (run == null) {
            return;
        }
        title.setText(run.info().runName());
        facts.getChildren().clear();
        Long start = run.info().startTime();
        Long end = run.info().endTime();
        addFact(0, "Status", new Label(run.info().status().name()));
        addFact(1, "Started", new Label(start == null ? "" : WHEN.format(Instant.ofEpochMilli(start))));
        addFact(2, "Ended", new Label(end == null ? "not yet" : WHEN.format(Instant.ofEpochMilli(end))));
        addFact(3, "Duration", new Label(start == null || end == null ? "still running"
                : Duration.ofMillis(end - start).toString().substring(2).toLowerCase(Locale.ROOT)));
        addFact(4, "User", new Label(String.valueOf(run.info().userId())));
        addFact(5, "Source", new Label(run.tags().getOrDefault("mlflow.source.name", "") + " "
                + run.tags().getOrDefault("mlflow.source.git.commit", "")));
        addFact(6, "Parent run", model.parent().get() == null ? new Label("none") : link(model.parent().get()));
        addFact(7, "Child runs", childLinks());
        addFact(8, "Run id", new Label(run.info().runId()));
        addFact(9, "Artifacts", new Label(run.info().artifactUri()));
        FilteredList<Map.Entry<String, String>> filtered = new FilteredList<>(
                FXCollections.observableArrayList(new ArrayList<>(new java.util.TreeMap<>(run.params()).entrySet())));
        filtered.predicateProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(() -> entry ->
                entry.getKey().toLowerCase(Locale.ROOT).contains(paramFilter.getText().toLowerCase(Locale.ROOT)), paramFilter.textProperty()));
        params.setItems(filtered);
        List<String> used = new ArrayList<>();
        for (DatasetInput input : run.inputs()) {
            used.add(input.dataset().name() + " (digest " + input.dataset().digest() + ", "
                    + input.tags().getOrDefault("mlflow.data.context", "no context") + ")");
        }
        inputs.setText(used.isEmpty() ? "No dataset inputs logged." : String.join("\n", used));
    }

    /** A replaced series grew while the run is live: append its new points; anything else rebuilds. */
    private void onMetricsChanged(ListChangeListener.Change<? extends MetricSeries> change) {
        boolean rebuild = false;
        while (change.next()) {
            if (change.wasReplaced() && change.getFrom() < chartViews.size()) {
                for (int i = change.getFrom(); i < change.getTo(); i++) {
                    MetricSeries grown = model.metrics().get(i);
                    int before = change.getRemoved().get(i - change.getFrom()).size();
                    double[] x = model.xValues(grown);
                    chartViews.get(i).append(java.util.Arrays.copyOfRange(x, before, x.length),
                            java.util.Arrays.copyOfRange(grown.values(), before, grown.size()));
                }
            } else {
                rebuild = true;
            }
        }
        if (rebuild) {
            buildCharts();
        }
    }

    private void buildCharts() {
        chartViews.clear();
        charts.getChildren().clear();
        if (model.metrics().isEmpty()) {
            Label none = new Label("This run has no metrics yet.");
            none.getStyleClass().add("text-muted");
            charts.getChildren().add(none);
            return;
        }
        for (MetricSeries series : model.metrics()) {
            MetricChart chart = new MetricChart(series.key());
            chart.setId("chart-" + series.key());
            chart.setLogY(model.logScale().get());
            chart.setSmoothing(model.smoothing().get());
            chartViews.add(chart);
            charts.getChildren().add(chart);
        }
        redrawCharts();
    }

    private void redrawCharts() {
        XAxisMode mode = model.xAxis().get();
        for (int i = 0; i < chartViews.size(); i++) {
            MetricSeries series = model.metrics().get(i);
            MetricChart chart = chartViews.get(i);
            chart.setXAxis(mode.toString(), mode == XAxisMode.WALL_TIME);
            chart.show(List.of(new Series(series.key(), model.xValues(series), series.values())));
        }
    }

    /** The charts drawn now, for tests. */
    public List<MetricChart> charts() {
        return List.copyOf(chartViews);
    }

    private void addFact(int row, String name, Node value) {
        Label label = new Label(name);
        label.getStyleClass().add("text-muted");
        value.setId("run-fact-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'));
        facts.addRow(row, label, value);
    }

    private Node childLinks() {
        if (model.children().isEmpty()) {
            return new Label("none");
        }
        FlowPane links = new FlowPane(4, 2);
        model.children().forEach(child -> links.getChildren().add(link(child)));
        links.setPrefWrapLength(700);
        return links;
    }

    private Hyperlink link(RunViewModel.RunLink target) {
        Hyperlink link = new Hyperlink(target.name());
        link.setId("run-link-" + target.runId());
        link.setOnAction(event -> openRun.accept(target.runId()));
        return link;
    }

    /**
     * Replaces what a parent or child link does. By default the link shows that run on this page; a host view
     * can instead select it in its own run list.
     */
    public void setOnOpenRun(Consumer<String> openRun) {
        this.openRun = openRun;
    }

    /** The artifacts tab, for tests. */
    ArtifactsPane artifactsPane() {
        return artifacts;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-4");
        return label;
    }

    private static TableView<Map.Entry<String, String>> keyValueTable(String id) {
        TableView<Map.Entry<String, String>> table = new TableView<>();
        table.setId(id);
        TableColumn<Map.Entry<String, String>, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getKey()));
        key.setPrefWidth(260);
        TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getValue()));
        value.setPrefWidth(420);
        table.getColumns().add(key);
        table.getColumns().add(value);
        table.setPrefHeight(200);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }
}
