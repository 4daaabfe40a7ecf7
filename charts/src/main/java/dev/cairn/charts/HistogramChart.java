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
 * Bars of counts per bin: each series gives bin centres (x, evenly spaced) and counts (y). Several series are
 * drawn over each other, translucent, so two distributions can be compared bin by bin (a benchmark's latencies, a
 * feature's reference and current values). Call on the JavaFX thread.
 */
public final class HistogramChart extends VBox {

    private final DefaultNumericAxis xAxis = new DefaultNumericAxis();
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis("count");
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();

    public HistogramChart(String title, String xLabel) {
        getStyleClass().add("histogram-chart");
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        xAxis.setName(xLabel);
        xAxis.setUnit(null);
        yAxis.setUnit(null);
        xAxis.setAutoRangeRounding(false);
        xAxis.setAutoRangePadding(0.0);
        yAxis.setForceZeroInRange(true);
        yAxis.setAutoRangePadding(0.05);
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setDrawMarker(false);
        // Filled steps centred on each x: ChartFX's bar histogram, with no point reduction to merge bins.
        renderer.setPolyLineStyle(LineStyle.HISTOGRAM_FILLED);
        renderer.setPointReduction(false);
        chart.getRenderers().setAll(renderer);
        Zoomer zoomer = new Zoomer();
        zoomer.setZoomScrollFilter(ScrollEvent::isShortcutDown);
        chart.getPlugins().addAll(zoomer, new DataPointTooltip());
        chart.setMinHeight(200);
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().add(chart);
    }

    /** Shows these series (bin centres and counts), replacing what was shown. */
    public void show(List<Series> series) {
        List<DataSet> sets = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series bins = series.get(i);
            String colour = MetricChart.PALETTE.get(i % MetricChart.PALETTE.size());
            DoubleDataSet set = new DoubleDataSet(bins.name(), bins.x(), bins.y(), bins.size(), false);
            set.setStyle("-fx-line-color: " + colour + "; -fx-fill-color: " + colour + "; -fx-line-width: 1;"
                    + (series.size() > 1 ? " -fx-intensity: 45;" : " -fx-intensity: 75;"));
            sets.add(set);
        }
        renderer.getDatasets().setAll(sets);
        chart.setLegendVisible(series.size() > 1);
    }

    /** Names the y axis ("count" unless told otherwise, e.g. "share of rows"). */
    public void setValueLabel(String label) {
        yAxis.setName(label);
    }

    public XYChart chart() {
        return chart;
    }

    /** The datasets drawn now, for tests. */
    public List<DataSet> datasets() {
        return List.copyOf(renderer.getDatasets());
    }
}
