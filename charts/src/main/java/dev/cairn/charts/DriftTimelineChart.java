package dev.cairn.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.DataPointTooltip;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
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
 * Drift over time: the share of drifted columns per window as a line on a time axis, the dataset-drift threshold as
 * a horizontal line, and windows that drifted marked in red. Windows too small to test are left out of the line and
 * counted under it. Call on the JavaFX thread.
 */
public final class DriftTimelineChart extends VBox {

    /**
     * One window.
     *
     * @param epochSeconds when the window starts
     * @param driftedShare share of compared columns that drifted, NaN when the window was too small to test
     * @param drifted whether the window counts as dataset drift
     */
    public record Window(double epochSeconds, double driftedShare, boolean drifted) {
    }

    private static final String LINE = "#1f77b4";
    private static final String THRESHOLD = "#7f7f7f";
    private static final String DRIFT = "#d62728";

    private final DefaultNumericAxis xAxis = new DefaultNumericAxis("window start");
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis("drifted share", 0, 1.05, 0.25);
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final ErrorDataSetRenderer lines = new ErrorDataSetRenderer();
    private final ErrorDataSetRenderer markers = new ErrorDataSetRenderer();
    private final Label summary = new Label();

    public DriftTimelineChart() {
        super(4);
        getStyleClass().add("drift-timeline-chart");
        chart.setTitle("Drift per window");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        xAxis.setTimeAxis(true);
        xAxis.setUnit(null);
        yAxis.setUnit(null);
        yAxis.setAutoRanging(false);
        lines.setErrorStyle(ErrorStyle.NONE);
        lines.setDrawMarker(true);
        markers.setErrorStyle(ErrorStyle.NONE);
        markers.setPolyLineStyle(LineStyle.NONE);
        markers.setDrawMarker(true);
        chart.getRenderers().setAll(lines, markers);
        Zoomer zoomer = new Zoomer();
        zoomer.setZoomScrollFilter(ScrollEvent::isShortcutDown);
        chart.getPlugins().addAll(zoomer, new DataPointTooltip());
        chart.setMinHeight(220);
        VBox.setVgrow(chart, Priority.ALWAYS);
        summary.getStyleClass().addAll("text-small", "text-muted");
        summary.setId("drift-timeline-summary");
        getChildren().addAll(chart, summary);
    }

    /** Shows these windows (oldest first), replacing what was shown; {@code threshold} is the dataset-drift share. */
    public void show(List<Window> windows, double threshold) {
        List<Window> tested = windows.stream().filter(w -> !Double.isNaN(w.driftedShare())).toList();
        DoubleDataSet share = dataSet("drifted share", tested);
        share.setStyle(style(LINE, 1.5, 3));
        List<Window> drifted = tested.stream().filter(Window::drifted).toList();
        DoubleDataSet driftMarkers = dataSet("dataset drift", drifted);
        driftMarkers.setStyle(style(DRIFT, 0, 6));
        List<DataSet> lineSets = new ArrayList<>(List.of(share));
        if (!tested.isEmpty()) {
            double first = tested.get(0).epochSeconds();
            double last = tested.get(tested.size() - 1).epochSeconds();
            DoubleDataSet thresholdLine = new DoubleDataSet("threshold", new double[] {first, Math.max(last, first + 1)},
                    new double[] {threshold, threshold}, 2, false);
            thresholdLine.setStyle(style(THRESHOLD, 1, 0) + " -fx-stroke-dash-array: 6 4;");
            lineSets.add(thresholdLine);
        }
        lines.getDatasets().setAll(lineSets);
        markers.getDatasets().setAll(driftMarkers);
        int small = windows.size() - tested.size();
        summary.setText(String.format(Locale.ROOT, "%d windows, %d with dataset drift (share at or above %.2f)%s",
                windows.size(), drifted.size(), threshold, small == 0 ? "" : ", " + small + " too small to test"));
    }

    /** The line of shares, the threshold line (once there is a window), for tests. */
    public List<DataSet> lineDataSets() {
        return List.copyOf(lines.getDatasets());
    }

    /** The red markers of drifted windows (none before the first {@link #show}), for tests. */
    public List<DataSet> markerDataSets() {
        return List.copyOf(markers.getDatasets());
    }

    public String summaryText() {
        return summary.getText();
    }

    public XYChart chart() {
        return chart;
    }

    private static DoubleDataSet dataSet(String name, List<Window> windows) {
        double[] x = windows.stream().mapToDouble(Window::epochSeconds).toArray();
        double[] y = windows.stream().mapToDouble(Window::driftedShare).toArray();
        return new DoubleDataSet(name, x, y, x.length, false);
    }

    /** ChartFX's per-dataset CSS: line and marker colour, line width, marker size. */
    private static String style(String colour, double width, double markerSize) {
        return "-fx-line-color: " + colour + "; -fx-marker-color: " + colour + "; -fx-line-width: " + width
                + "; -fx-marker-size: " + markerSize + ";";
    }
}
