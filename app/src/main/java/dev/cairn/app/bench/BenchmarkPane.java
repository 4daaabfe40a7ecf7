package dev.cairn.app.bench;

import dev.cairn.charts.MetricChart;
import dev.cairn.charts.Series;
import dev.cairn.core.bench.BenchmarkException;
import dev.cairn.core.bench.BenchmarkProgress;
import dev.cairn.core.bench.BenchmarkSettings;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
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

/**
 * A model version's Benchmark tab: the settings form, Start (Ctrl+Enter) and Cancel (Esc), the progress, a live
 * chart of the recent P50 and P99, and the stored result when it finishes.
 */
public final class BenchmarkPane extends ScrollPane {

    private static final KeyCombination START = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final BenchmarkViewModel model;
    private final TextField warmup = field("bench-warmup", "runs before measuring (at least 1)");
    private final TextField measured = field("bench-measured", "how long to measure");
    private final RadioButton seconds = new RadioButton("seconds");
    private final RadioButton runs = new RadioButton("repetitions");
    private final TextField concurrency = field("bench-concurrency", "threads sharing the one session");
    private final TextField batch = field("bench-batch", "size of a free first dimension; blank: the model's own, "
            + "or 1 when free");
    private final TextField dims = field("bench-dims", "sizes of other free dimensions: name=size, separated by "
            + "commas (INPUT:AXIS=size for an unnamed one)");
    private final TextField intraOp = field("bench-intra-op", "threads per operator; 0: ONNX Runtime's default");
    private final ComboBox<BenchmarkSettings.OptimizationLevel> optimization = new ComboBox<>();
    private final Label error = new Label();
    private final MetricChart live = new MetricChart("Recent latency (ms)");
    private final BenchmarkResultPane result = new BenchmarkResultPane();

    public BenchmarkPane(BenchmarkViewModel model) {
        this.model = model;
        setId("bench-pane");
        setFitToWidth(true);
        error.setId("bench-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.textProperty().bind(model.error());
        live.setId("bench-live-chart");
        live.setXAxis("seconds measured", false);
        live.setPrefHeight(300);
        MetricChart curve = result.curve();
        curve.setPrefHeight(300);
        result.visibleProperty().bind(model.result().isNotNull());
        result.managedProperty().bind(result.visibleProperty());
        curve.visibleProperty().bind(result.visibleProperty());
        live.visibleProperty().bind(model.result().isNull());
        model.ticks().addListener((javafx.collections.ListChangeListener<BenchmarkProgress>) change -> showLive());
        model.result().addListener((obs, old, stored) -> {
            if (stored != null) {
                result.show(stored);
            }
        });
        // Form on the left, the chart beside it: the version pane is wide and short under the version table.
        VBox left = new VBox(10, form(), controls(), progress(), error);
        left.setMinWidth(400);
        left.setPrefWidth(420);
        StackPane charts = new StackPane(live, curve);
        HBox.setHgrow(charts, Priority.ALWAYS);
        VBox box = new VBox(12, new HBox(16, left, charts), result);
        box.setPadding(new Insets(10));
        setContent(box);
        addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (START.match(event)) {
                start();
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE && model.running().get()) {
                model.cancel();
                event.consume();
            }
        });
        fill(BenchmarkForm.defaults());
    }

    private GridPane form() {
        ToggleGroup unit = new ToggleGroup();
        seconds.setToggleGroup(unit);
        runs.setToggleGroup(unit);
        seconds.setId("bench-unit-seconds");
        runs.setId("bench-unit-runs");
        seconds.setMinWidth(Region.USE_PREF_SIZE);
        runs.setMinWidth(Region.USE_PREF_SIZE);
        measured.setPrefColumnCount(5);
        optimization.setId("bench-optimization");
        optimization.getItems().setAll(BenchmarkSettings.OptimizationLevel.values());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, label("Warm-up runs"), warmup);
        grid.addRow(1, label("Measure for"), row(measured, seconds, runs));
        grid.addRow(2, label("Concurrency"), concurrency);
        grid.addRow(3, label("Batch size"), batch);
        grid.addRow(4, label("Other dimensions"), dims);
        grid.addRow(5, label("Intra-op threads"), intraOp);
        grid.addRow(6, label("Optimisation"), optimization);
        grid.disableProperty().bind(model.running());
        return grid;
    }

    private HBox controls() {
        Button start = new Button("Start");
        start.setId("bench-start");
        start.setTooltip(new Tooltip("Run the benchmark (Ctrl+Enter)"));
        start.disableProperty().bind(model.running());
        start.setOnAction(event -> start());
        Button cancel = new Button("Cancel");
        cancel.setId("bench-cancel");
        cancel.setTooltip(new Tooltip("Stop it; nothing is stored (Esc)"));
        cancel.disableProperty().bind(model.running().not());
        cancel.setOnAction(event -> model.cancel());
        return row(start, cancel);
    }

    private VBox progress() {
        ProgressBar bar = new ProgressBar(0);
        bar.setId("bench-progress");
        bar.setPrefWidth(300);
        bar.progressProperty().bind(model.progress());
        Label phase = new Label();
        phase.setId("bench-phase");
        phase.textProperty().bind(model.phase());
        phase.setWrapText(true);
        return new VBox(4, bar, phase);
    }

    /** Reads the form; a bad field shows its message instead of starting. */
    private void start() {
        if (model.running().get()) {
            return;
        }
        try {
            model.start(new BenchmarkForm(warmup.getText(), measured.getText(), seconds.isSelected(),
                    concurrency.getText(), batch.getText(), dims.getText(), intraOp.getText(), optimization.getValue()).toSettings());
        } catch (BenchmarkException e) {
            model.error().set(e.getMessage());
        }
    }

    private void fill(BenchmarkForm form) {
        warmup.setText(form.warmupRuns());
        measured.setText(form.measured());
        (form.timed() ? seconds : runs).setSelected(true);
        concurrency.setText(form.concurrency());
        batch.setText(form.batch());
        dims.setText(form.dims());
        intraOp.setText(form.intraOpThreads());
        optimization.setValue(form.optimization());
    }

    /** The measuring phase's reports as two lines; warm-up reports carry no latencies and are left out. */
    private void showLive() {
        List<BenchmarkProgress> measuring = model.ticks().stream()
                .filter(t -> t.phase() == BenchmarkProgress.Phase.MEASURING && t.recent().count() > 0).toList();
        double[] x = new double[measuring.size()];
        double[] p50 = new double[x.length];
        double[] p99 = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            BenchmarkProgress t = measuring.get(i);
            x[i] = t.elapsedSeconds();
            p50[i] = t.recent().p50Nanos() / 1e6;
            p99[i] = t.recent().p99Nanos() / 1e6;
        }
        live.show(List.of(new Series("P50", x, p50), new Series("P99", x, p99)));
    }

    BenchmarkViewModel model() {
        return model;
    }

    /** For tests: the live chart and the result's percentile chart. */
    public MetricChart liveChart() {
        return live;
    }

    public MetricChart percentileChart() {
        return result.curve();
    }

    /** A form label that keeps its text when the pane is narrow; the fields give way instead. */
    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static TextField field(String id, String tip) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(8);
        field.setTooltip(new Tooltip(tip));
        return field;
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
