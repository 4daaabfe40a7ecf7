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
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Points without lines: one marker per item (a run), each item in its own colour from {@link MetricChart#PALETTE}
 * so it matches the item's colour in other charts. Points with a NaN coordinate are left out. Call on the JavaFX
 * thread.
 */
public final class ScatterChart extends VBox {

    /** One marker: its name (legend, tooltip) and coordinates. */
    public record Point(String name, double x, double y) {
    }

    private final DefaultNumericAxis xAxis = new DefaultNumericAxis();
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis();
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();

    public ScatterChart(String title) {
        getStyleClass().add("scatter-chart");
        chart.setTitle(title);
        chart.setAnimated(false);
        xAxis.setUnit(null);
        yAxis.setUnit(null);
        xAxis.setForceZeroInRange(false);
        yAxis.setForceZeroInRange(false);
        xAxis.setAutoRangePadding(0.08);
        yAxis.setAutoRangePadding(0.08);
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.NONE);
        renderer.setDrawMarker(true);
        renderer.setPointReduction(false);
        chart.getRenderers().setAll(renderer);
        Zoomer zoomer = new Zoomer();
        zoomer.setZoomScrollFilter(ScrollEvent::isShortcutDown);
        chart.getPlugins().addAll(zoomer, new DataPointTooltip());
        chart.setMinHeight(240);
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().add(chart);
    }

    /** Shows these points, the i-th in the i-th palette colour, with these axis names. */
    public void show(String xLabel, String yLabel, List<Point> points) {
        xAxis.setName(xLabel);
        yAxis.setName(yLabel);
        List<DataSet> sets = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            if (Double.isNaN(point.x()) || Double.isNaN(point.y())) {
                continue;
            }
            String colour = MetricChart.PALETTE.get(i % MetricChart.PALETTE.size());
            DoubleDataSet set = new DoubleDataSet(point.name(), new double[] {point.x()}, new double[] {point.y()}, 1,
                    false);
            // The line colour too: the legend draws its swatch with it.
            set.setStyle("-fx-marker-color: " + colour + "; -fx-line-color: " + colour + "; -fx-marker-size: 6;");
            sets.add(set);
        }
        renderer.getDatasets().setAll(sets);
        chart.setLegendVisible(!sets.isEmpty() && sets.size() <= 12);
    }

    /** The datasets drawn now (one per point shown), for tests. */
    public List<DataSet> datasets() {
        return List.copyOf(renderer.getDatasets());
    }
}
