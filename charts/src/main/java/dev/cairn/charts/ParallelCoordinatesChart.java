package dev.cairn.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A parallel-coordinates plot: one vertical axis per dimension (params and metrics), each scaled from its own
 * minimum (bottom) to maximum (top), and one line per item (a run) through its values, in the item's palette
 * colour. A missing value breaks the item's line at that axis. Drawn on a canvas that follows the region's size.
 * Call on the JavaFX thread.
 */
public final class ParallelCoordinatesChart extends Region {

    private static final double MARGIN_X = 60;
    private static final double MARGIN_TOP = 40;
    private static final double MARGIN_BOTTOM = 46;

    /** One line: its name and a value per dimension (NaN where it has none). */
    public record Line(String name, double[] values) {
    }

    private final Canvas canvas = new Canvas();
    private List<String> dimensions = List.of();
    private List<Line> lines = List.of();

    public ParallelCoordinatesChart() {
        getStyleClass().add("parallel-coordinates");
        getChildren().add(canvas);
        setMinHeight(260);
        setPrefHeight(320);
    }

    /** Shows these lines over these dimensions (each line has a value per dimension, in order). */
    public void show(List<String> dimensionNames, List<Line> newLines) {
        for (Line line : newLines) {
            if (line.values().length != dimensionNames.size()) {
                throw new IllegalArgumentException(line.name() + " has " + line.values().length + " values for "
                        + dimensionNames.size() + " dimensions");
            }
        }
        this.dimensions = List.copyOf(dimensionNames);
        this.lines = List.copyOf(newLines);
        draw();
    }

    public List<String> dimensions() {
        return dimensions;
    }

    public List<Line> lines() {
        return lines;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /** Each dimension's minimum and maximum over the lines that have a value there. */
    static double[][] ranges(List<String> dimensions, List<Line> lines) {
        double[][] ranges = new double[dimensions.size()][];
        for (int d = 0; d < dimensions.size(); d++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Line line : lines) {
                double value = line.values()[d];
                if (!Double.isNaN(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
            ranges[d] = new double[] {min, max};
        }
        return ranges;
    }

    /** Where a value sits on its axis, 0 at the bottom to 1 at the top; 0.5 when the axis has a single value. */
    static double position(double value, double[] range) {
        return range[1] > range[0] ? (value - range[0]) / (range[1] - range[0]) : 0.5;
    }

    private void draw() {
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        if (dimensions.size() < 2 || width < 2 * MARGIN_X || height < MARGIN_TOP + MARGIN_BOTTOM + 20) {
            g.setFill(Color.GRAY);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(dimensions.size() < 2 ? "Choose two or more params or metrics." : "", width / 2, height / 2);
            return;
        }
        double[][] ranges = ranges(dimensions, lines);
        double step = (width - 2 * MARGIN_X) / (dimensions.size() - 1);
        double top = MARGIN_TOP;
        double bottom = height - MARGIN_BOTTOM;
        g.setFont(Font.font(11));
        Color text = textColour();
        for (int d = 0; d < dimensions.size(); d++) {
            double x = MARGIN_X + d * step;
            g.setStroke(text.deriveColor(0, 1, 1, 0.5));
            g.setLineWidth(1);
            g.strokeLine(x, top, x, bottom);
            g.setFill(text);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(dimensions.get(d), x, top - 16, step * 0.95);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(number(ranges[d][1]), x, top - 2, step * 0.95);
            g.setTextBaseline(VPos.TOP);
            g.fillText(number(ranges[d][0]), x, bottom + 4, step * 0.95);
        }
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            g.setStroke(Color.web(MetricChart.PALETTE.get(i % MetricChart.PALETTE.size())));
            g.setLineWidth(1.8);
            double lastX = Double.NaN;
            double lastY = Double.NaN;
            for (int d = 0; d < dimensions.size(); d++) {
                double value = line.values()[d];
                double x = MARGIN_X + d * step;
                if (Double.isNaN(value)) {
                    lastX = Double.NaN;
                    continue;
                }
                double y = bottom - position(value, ranges[d]) * (bottom - top);
                if (!Double.isNaN(lastX)) {
                    g.strokeLine(lastX, lastY, x, y);
                }
                g.strokeOval(x - 2, y - 2, 4, 4);
                lastX = x;
                lastY = y;
            }
        }
    }

    /** A mid grey that reads on the light and the dark theme alike (a canvas takes no CSS text colour). */
    private static Color textColour() {
        return Color.web("#8b949e");
    }

    private static String number(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return "";
        }
        return MetricChart.number(value);
    }

    /** The lines' names, in order, for tests. */
    public List<String> lineNames() {
        List<String> names = new ArrayList<>();
        lines.forEach(line -> names.add(line.name()));
        return names;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ParallelCoordinatesChart[%d dimensions, %d lines]", dimensions.size(),
                lines.size());
    }
}
