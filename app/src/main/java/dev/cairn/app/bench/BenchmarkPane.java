package dev.cairn.app.bench;

import dev.cairn.charts.MetricChart;
import dev.cairn.charts.Series;
import dev.cairn.core.bench.BenchmarkException;
import dev.cairn.core.bench.BenchmarkProgress;
import dev.cairn.core.bench.BenchmarkSettings;
import dev.cairn.core.bench.StoredBenchmark;
import java.util.List;
import dev.cairn.core.bench.BenchmarkSweep;
import dev.cairn.core.bench.InputSource;
import java.io.File;
import java.util.Locale;
import java.util.function.Function;
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
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * A model version's Benchmark tab: the settings form, Start (Ctrl+Enter) and Cancel (Esc), the progress, a live
 * chart of the recent P50 and P99, and the stored result when it finishes.
 */
public final class BenchmarkPane extends ScrollPane {

    private static final KeyCombination START = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final BenchmarkViewModel model;
    private final TextField warmup = field("bench-warmup", "runs before measuring (at least 1), or seconds as 2s");
    private final TextField measured = field("bench-measured", "how long to measure");
    private final RadioButton seconds = new RadioButton("seconds");
    private final RadioButton runs = new RadioButton("repetitions");
    private final TextField concurrency = field("bench-concurrency", "threads sharing the one session");
    private final TextField batch = field("bench-batch", "size of a free first dimension; blank: the model's own, "
            + "or 1 when free");
    private final TextField dims = field("bench-dims", "sizes of other free dimensions: name=size, separated by "
            + "commas (INPUT:AXIS=size for an unnamed one)");
    private final TextField intraOp = field("bench-intra-op", "threads per operator; 0: ONNX Runtime's default");
    private final TextField interOp = field("bench-inter-op", "threads running independent operators in parallel "
            + "mode; 0: ONNX Runtime's default");
    private final ComboBox<BenchmarkSettings.ExecutionMode> executionMode = choice("bench-execution-mode",
            BenchmarkSettings.ExecutionMode.values());
    private final ComboBox<BenchmarkSettings.OptimizationLevel> optimization = choice("bench-optimization",
            BenchmarkSettings.OptimizationLevel.values());
    private final ComboBox<BenchmarkSettings.Provider> provider = choice("bench-provider",
            BenchmarkSettings.Provider.values());
    private final ComboBox<InputSource.Kind> inputKind = choice("bench-input-kind", InputSource.Kind.values());
    private final TextField seed = field("bench-seed", "seed of the random values: the same seed, the same inputs");
    private final TextField inputFile = field("bench-input-file", "a .json request (Open Inference Protocol), a .csv "
            + "batch with a header, or a folder of input_N.pb tensors");
    private final ComboBox<BenchmarkSweep.Parameter> sweep = new ComboBox<>();
    private final TextField sweepValues = field("bench-sweep-values", "values to run, e.g. 1, 2, 4, 8 or 1..8 or "
            + "1..64*2 (doubling)");
    private final SweepCharts sweepCharts = new SweepCharts();
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
        // Start, Cancel and the progress on top, where they stay in view however tall the form is.
        HBox toolbar = controls();
        toolbar.getChildren().add(progress());
        VBox left = new VBox(10, form(), error);
        left.setMinWidth(400);
        left.setPrefWidth(420);
        StackPane charts = new StackPane(live, curve);
        HBox.setHgrow(charts, Priority.ALWAYS);
        sweepCharts.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.sweepPoints()));
        sweepCharts.managedProperty().bind(sweepCharts.visibleProperty());
        model.sweepPoints().addListener((javafx.collections.ListChangeListener<StoredBenchmark>) change ->
                sweepCharts.show(List.of(List.copyOf(model.sweepPoints()))));
        VBox box = new VBox(12, toolbar, new HBox(16, left, charts), sweepCharts, result);
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
        intraOp.setPrefColumnCount(3);
        interOp.setPrefColumnCount(3);
        seed.setPrefColumnCount(6);
        inputFile.setPrefColumnCount(14);
        sweepValues.setPrefColumnCount(14);
        sweep.setId("bench-sweep");
        sweep.getItems().setAll(BenchmarkSweep.Parameter.values());
        sweep.setPromptText("none");
        sweep.setConverter(converter(parameter -> parameter == null ? "none" : parameter.label()));
        sweep.valueProperty().addListener((obs, old, chosen) -> sweepValues.setText(chosen == null ? ""
                : BenchmarkSweep.defaults(chosen, Runtime.getRuntime().availableProcessors()).valuesText()));
        sweepValues.disableProperty().bind(sweep.valueProperty().isNull());
        Button clearSweep = new Button("\u2715");
        clearSweep.setId("bench-sweep-clear");
        clearSweep.setTooltip(new Tooltip("No sweep: one benchmark"));
        clearSweep.disableProperty().bind(sweep.valueProperty().isNull());
        clearSweep.setOnAction(event -> sweep.setValue(null));
        Button file = new Button("File\u2026");
        file.setId("bench-input-browse");
        file.setOnAction(event -> chooseInput(false));
        Button folder = new Button("Folder\u2026");
        folder.setOnAction(event -> chooseInput(true));
        HBox random = row(label("Seed"), seed);
        HBox fromFile = row(inputFile, file, folder);
        random.visibleProperty().bind(inputKind.valueProperty().isEqualTo(InputSource.Kind.RANDOM));
        random.managedProperty().bind(random.visibleProperty());
        fromFile.visibleProperty().bind(inputKind.valueProperty().isEqualTo(InputSource.Kind.FILE));
        fromFile.managedProperty().bind(fromFile.visibleProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, label("Warm-up"), warmup);
        grid.addRow(row++, label("Measure for"), row(measured, seconds, runs));
        grid.addRow(row++, label("Concurrency"), concurrency);
        grid.addRow(row++, label("Batch size"), batch);
        grid.addRow(row++, label("Other dimensions"), dims);
        grid.addRow(row++, label("Threads"), row(label("intra-op"), intraOp, label("inter-op"), interOp));
        grid.addRow(row++, label("Execution"), row(executionMode, label("optimisation"), optimization));
        grid.addRow(row++, label("Provider"), provider);
        grid.addRow(row++, label("Inputs"), row(inputKind, random, fromFile));
        grid.addRow(row, label("Sweep"), row(sweep, sweepValues, clearSweep));
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

    private HBox progress() {
        ProgressBar bar = new ProgressBar(0);
        bar.setId("bench-progress");
        bar.setPrefWidth(260);
        bar.progressProperty().bind(model.progress());
        Label phase = new Label();
        phase.setId("bench-phase");
        phase.textProperty().bind(model.phase());
        HBox.setHgrow(phase, Priority.ALWAYS);
        HBox box = row(bar, phase);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    /** Reads the form; a bad field shows its message instead of starting. */
    private void start() {
        if (model.running().get()) {
            return;
        }
        try {
            BenchmarkForm form = new BenchmarkForm(warmup.getText(), measured.getText(), seconds.isSelected(),
                    concurrency.getText(), batch.getText(), dims.getText(), intraOp.getText(), interOp.getText(),
                    executionMode.getValue(), optimization.getValue(), provider.getValue(), inputKind.getValue(),
                    seed.getText(), inputFile.getText(), sweep.getValue(), sweepValues.getText());
            BenchmarkSettings settings = form.toSettings();
            BenchmarkSweep points = form.toSweep();
            if (points == null) {
                model.start(settings);
            } else {
                model.startSweep(points, settings);
            }
        } catch (BenchmarkException e) {
            model.error().set(e.getMessage());
        }
    }

    private void chooseInput(boolean folder) {
        File chosen;
        if (folder) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of input_N.pb tensors");
            chosen = chooser.showDialog(getScene().getWindow());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Benchmark inputs");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON request or CSV batch",
                    "*.json", "*.csv"), new FileChooser.ExtensionFilter("All files", "*"));
            chosen = chooser.showOpenDialog(getScene().getWindow());
        }
        if (chosen != null) {
            inputFile.setText(chosen.getAbsolutePath());
        }
    }

    private void fill(BenchmarkForm form) {
        warmup.setText(form.warmup());
        measured.setText(form.measured());
        (form.timed() ? seconds : runs).setSelected(true);
        concurrency.setText(form.concurrency());
        batch.setText(form.batch());
        dims.setText(form.dims());
        intraOp.setText(form.intraOpThreads());
        interOp.setText(form.interOpThreads());
        executionMode.setValue(form.executionMode());
        optimization.setValue(form.optimization());
        provider.setValue(form.provider());
        inputKind.setValue(form.inputKind());
        seed.setText(form.seed());
        inputFile.setText(form.inputFile());
        sweep.setValue(form.sweep());
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

    /** For tests: the latency histogram and the sweep's charts. */
    public dev.cairn.charts.HistogramChart histogramChart() {
        return result.histogram();
    }

    public SweepCharts sweepCharts() {
        return sweepCharts;
    }

    /** A form label that keeps its text when the pane is narrow; the fields give way instead. */
    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** A drop-down of an enum's values, shown in lower case as users write them. */
    @SafeVarargs
    private static <E extends Enum<E>> ComboBox<E> choice(String id, E... values) {
        ComboBox<E> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.setConverter(converter(value -> value == null ? "" : value.name().toLowerCase(Locale.ROOT)));
        box.setMinWidth(Region.USE_PREF_SIZE); // "sequential" in full, not "se..."
        return box;
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return text.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException("the drop-downs are not editable");
            }
        };
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
