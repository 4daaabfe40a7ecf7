package dev.cairn.charts;

import java.util.List;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Bars per category, one bar per series side by side (a categorical column's share of rows in the reference and in
 * the current data, say), or one bar per category coloured by a flag (a drift score per column, drifted in red).
 * ChartFX has no category bars; JavaFX's own BarChart does exactly this. Call on the JavaFX thread.
 */
public final class CategoryBarsChart extends VBox {

    /** One series: a name for the legend and a value per category, in the categories' order. */
    public record Bars(String name, double[] values) {
    }

    private final CategoryAxis categories = new CategoryAxis();
    private final NumberAxis values = new NumberAxis();
    private final BarChart<String, Number> chart = new BarChart<>(categories, values);

    public CategoryBarsChart(String title, String valueLabel) {
        getStyleClass().add("category-bars-chart");
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCategoryGap(12);
        chart.setBarGap(2);
        values.setLabel(valueLabel);
        chart.setMinHeight(220);
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().add(chart);
    }

    /** Shows these series over these categories, side by side, in the theme's chart colours (legend included). */
    public void show(List<String> labels, List<Bars> series) {
        chart.getData().clear();
        for (int s = 0; s < series.size(); s++) {
            XYChart.Series<String, Number> data = new XYChart.Series<>();
            data.setName(series.get(s).name());
            for (int i = 0; i < labels.size(); i++) {
                data.getData().add(new XYChart.Data<>(labels.get(i), series.get(s).values()[i]));
            }
            chart.getData().add(data);
        }
        chart.setLegendVisible(series.size() > 1);
    }

    /**
     * Shows one bar per category, red where {@code flagged} and green elsewhere, without a legend: for a score
     * per column where some columns drifted.
     */
    public void showFlagged(List<String> labels, double[] scores, boolean[] flagged) {
        chart.getData().clear();
        XYChart.Series<String, Number> data = new XYChart.Series<>();
        for (int i = 0; i < labels.size(); i++) {
            data.getData().add(new XYChart.Data<>(labels.get(i), scores[i]));
        }
        chart.getData().add(data);
        for (int i = 0; i < labels.size(); i++) {
            colour(data.getData().get(i), flagged[i] ? "#d62728" : "#2ca02c");
        }
        chart.setLegendVisible(false);
    }

    /** Bar nodes are made when the chart lays out, so the colour is set then (and now, if it exists). */
    private static void colour(XYChart.Data<String, Number> bar, String colour) {
        bar.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                node.setStyle("-fx-bar-fill: " + colour + ";");
            }
        });
        if (bar.getNode() != null) {
            bar.getNode().setStyle("-fx-bar-fill: " + colour + ";");
        }
    }

    public void setTitle(String title) {
        chart.setTitle(title);
    }

    /** For tests: the series shown, each as its values. */
    public List<XYChart.Series<String, Number>> series() {
        return List.copyOf(chart.getData());
    }
}
