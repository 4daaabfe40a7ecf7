package dev.cairn.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.CrosshairIndicator;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A line chart of one metric (or of one metric over several runs): every point kept and reduced per
 * pixel column with {@link PixelMinMaxReducer}, zoom and pan, a crosshair with value read-out, log
 * scale, EMA smoothing with the raw line kept faint, and a last/min/max summary under it.
 * Call on the JavaFX thread; compute the arrays elsewhere.
 */
public final class MetricChart extends VBox {

    /** Line colours, one per series in order; the same run keeps its colour across charts. */
    public static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    private static final int SMALL_SERIES = 60;

    /** Numbers as {@link #number} writes them, for the crosshair and tooltips. */
    static final javafx.util.StringConverter<Number> READABLE = new javafx.util.StringConverter<>() {
        @Override
        public String toString(Number value) {
            return value == null ? "" : number(value.doubleValue());
        }

        @Override
        public Number fromString(String text) {
            return Double.valueOf(text);
        }
    };

    private final DefaultNumericAxis xAxis = new DefaultNumericAxis("step");
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis();
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private final Label summary = new Label();
    private List<Series> series = List.of();
    private double smoothing;

    public MetricChart(String title) {
        super(4);
        getStyleClass().add("metric-chart");
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        xAxis.setUnit(null);
        yAxis.setName("");
        yAxis.setUnit(null);
        xAxis.setAutoRangeRounding(false);
        xAxis.setAutoRangePadding(0.0);
        yAxis.setForceZeroInRange(false);
        yAxis.setAutoRangePadding(0.05);
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setDrawMarker(false);
        renderer.setPointReduction(true);
        renderer.setMinRequiredReductionSize(2);
        renderer.setRendererDataReducer(new PixelMinMaxReducer());
        chart.getRenderers().setAll(renderer);
        Zoomer zoomer = new Zoomer();
        // The wheel scrolls the page of charts; Ctrl+wheel zooms, as in maps and editors.
        zoomer.setZoomScrollFilter(ScrollEvent::isShortcutDown);
        CrosshairIndicator crosshair = new CrosshairIndicator();
        DataPointTooltip tooltip = new DataPointTooltip();
        // Six significant digits, as the summary line writes them, not Double.toString's seventeen.
        for (var plugin : List.of(crosshair, tooltip)) {
            plugin.setXValueFormatter(READABLE);
            plugin.setYValueFormatter(READABLE);
        }
        chart.getPlugins().addAll(zoomer, crosshair, tooltip);
        chart.setMinHeight(220);
        VBox.setVgrow(chart, Priority.ALWAYS);
        summary.getStyleClass().addAll("text-small", "text-muted");
        summary.setId("metric-summary");
        getChildren().addAll(chart, summary);
    }

    /** Shows these series, replacing what was shown. */
    public void show(List<Series> newSeries) {
        this.series = List.copyOf(newSeries);
        redraw();
        summary.setText(summarize(series));
    }

    /**
     * Appends points to the only series of a one-series chart: the drawn data grows in place (no redraw
     * from scratch) unless smoothing is on, when the smoothed line is recomputed.
     */
    public void append(double[] x, double[] y) {
        if (series.size() != 1 || x.length == 0) {
            return;
        }
        Series old = series.get(0);
        double[] allX = java.util.Arrays.copyOf(old.x(), old.size() + x.length);
        double[] allY = java.util.Arrays.copyOf(old.y(), old.size() + y.length);
        System.arraycopy(x, 0, allX, old.size(), x.length);
        System.arraycopy(y, 0, allY, old.size(), y.length);
        series = List.of(new Series(old.name(), allX, allY));
        if (smoothing > 0 || renderer.getDatasets().isEmpty()) {
            redraw();
        } else {
            ((DoubleDataSet) renderer.getDatasets().get(0)).add(x, y);
        }
        summary.setText(summarize(series));
    }

    /** EMA weight from 0 (raw) to below 1; with smoothing on, the raw lines stay as faint context. */
    public void setSmoothing(double weight) {
        this.smoothing = Math.max(0, Math.min(0.99, weight));
        redraw();
    }

    public void setLogY(boolean log) {
        yAxis.setLogAxis(log);
    }

    /** A base-2 log x axis, for values that double from point to point (batch sizes, thread counts). */
    public void setLogX(boolean log) {
        xAxis.setLogarithmBase(2);
        xAxis.setLogAxis(log);
    }

    /** Names the x axis; a time axis expects x in seconds since the epoch. */
    public void setXAxis(String label, boolean time) {
        xAxis.setName(label);
        xAxis.setTimeAxis(time);
    }

    public XYChart chart() {
        return chart;
    }

    public String summaryText() {
        return summary.getText();
    }

    /** The datasets drawn now (raw and, when smoothing, smoothed), for tests and tooltips. */
    public List<DataSet> datasets() {
        return List.copyOf(renderer.getDatasets());
    }

    private void redraw() {
        List<DataSet> sets = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series line = series.get(i);
            String colour = PALETTE.get(i % PALETTE.size());
            DoubleDataSet raw = new DoubleDataSet(line.name(), line.x(), line.y(), line.size(), false);
            if (smoothing > 0) {
                raw.setStyle(style(colour, 1) + " -fx-intensity: 25;"); // faint: context for the smoothed line
                DoubleDataSet smooth = new DoubleDataSet(line.name() + " (smoothed)", line.x(),
                        Smoothing.ema(line.y(), smoothing), line.size(), false);
                smooth.setStyle(style(colour, 2));
                sets.add(raw);
                sets.add(smooth);
            } else {
                raw.setStyle(style(colour, 1.5));
                sets.add(raw);
            }
        }
        // A short series (a final score, a few epochs) would be invisible as a bare line: mark its points.
        renderer.setDrawMarker(series.stream().allMatch(line -> line.size() <= SMALL_SERIES));
        renderer.getDatasets().setAll(sets);
        chart.setLegendVisible(series.size() > 1);
    }

    /** ChartFX's per-dataset CSS (DataSetNode's properties): line and marker colour, line width. */
    private static String style(String colour, double width) {
        return "-fx-line-color: " + colour + "; -fx-marker-color: " + colour + "; -fx-line-width: " + width
                + "; -fx-marker-size: 2.5;";
    }

    /** "last 0.12 · min 0.1 at 40 · max 0.9 at 0" for one series; per series name for several. */
    static String summarize(List<Series> series) {
        List<String> parts = new ArrayList<>();
        for (Series line : series) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double minAt = Double.NaN;
            double maxAt = Double.NaN;
            double last = Double.NaN;
            for (int i = 0; i < line.size(); i++) {
                double value = line.y()[i];
                if (Double.isNaN(value)) {
                    continue;
                }
                last = value;
                if (value < min) {
                    min = value;
                    minAt = line.x()[i];
                }
                if (value > max) {
                    max = value;
                    maxAt = line.x()[i];
                }
            }
            String prefix = series.size() > 1 ? line.name() + ": " : "";
            parts.add(Double.isNaN(last) ? prefix + "no values" : String.format(Locale.ROOT,
                    "%slast %s · min %s at %s · max %s at %s · %,d points", prefix, number(last), number(min),
                    number(minAt), number(max), number(maxAt), line.size()));
        }
        return String.join("\n", parts);
    }

    /** Six significant digits without trailing zeros: 0.3, 12345, 5E-7, NaN. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(value, new java.math.MathContext(6)).stripTrailingZeros();
        double magnitude = Math.abs(value);
        return magnitude == 0 || magnitude >= 1e-4 && magnitude < 1e9 ? rounded.toPlainString() : rounded.toString();
    }
}
