package dev.cairn.charts;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import eu.hansolo.tilesfx.chart.ChartData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * TilesFX tiles for a dashboard, fed plain data: columns (a value per label), a donut (a share per category) and a
 * list (lines of text with a coloured mark). Each {@code show} replaces what the tile showed, so a dashboard can refresh
 * a tile in place. Call on the JavaFX thread.
 */
public final class Tiles {

    /** A mark's meaning, coloured the same on every tile. */
    public enum Mark {
        GOOD("#2ca02c"), BAD("#d62728"), NEUTRAL("#8b949e");

        private final Color colour;

        Mark(String web) {
            this.colour = Color.web(web);
        }

        public Color colour() {
            return colour;
        }
    }

    /** One line of a list tile: a mark, the main text and a detail on the right. */
    public record Line(Mark mark, String text, String detail) {
    }

    private static final double WIDTH = 300;
    private static final double HEIGHT = 220;

    private Tiles() {
    }

    /** A tile for a few bars (a week of days); TilesFX's own bar skin scrolls its items, not what a glance needs. */
    public static Tile bars(String title) {
        return TileBuilder.create().skinType(Tile.SkinType.CUSTOM).title(title).prefSize(WIDTH, HEIGHT).build();
    }

    public static Tile donut(String title) {
        return TileBuilder.create().skinType(Tile.SkinType.DONUT_CHART).title(title).prefSize(WIDTH, HEIGHT)
                .build();
    }

    public static Tile list(String title) {
        return TileBuilder.create().skinType(Tile.SkinType.CUSTOM).title(title).prefSize(WIDTH, HEIGHT).build();
    }

    /**
     * Shows a column per label, as tall as its value against the largest, with the value above and the label under
     * it, and a text at the bottom (e.g. a total).
     */
    public static void showBars(Tile tile, List<String> labels, double[] values, String text) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        HBox columns = new HBox(8);
        columns.setAlignment(javafx.geometry.Pos.BOTTOM_CENTER);
        columns.setPadding(new Insets(6, 0, 0, 0));
        // Its own height, never the tile's: stretched, the bottom-aligned columns slid under the tile's text.
        columns.setMaxHeight(Region.USE_PREF_SIZE);
        for (int i = 0; i < labels.size(); i++) {
            Region bar = new Region();
            double height = max == 0 ? 0 : 90 * values[i] / max;
            bar.setMinSize(18, height);
            bar.setPrefSize(24, height);
            bar.setMaxSize(30, height);
            bar.setStyle("-fx-background-color: " + MetricChart.PALETTE.get(0) + "; -fx-background-radius: 2;");
            Label value = label(MetricChart.number(values[i]), tile.getTextColor());
            Label name = label(labels.get(i), tile.getTextColor());
            VBox column = new VBox(2, value, bar, name);
            column.setAlignment(javafx.geometry.Pos.BOTTOM_CENTER);
            HBox.setHgrow(column, Priority.ALWAYS);
            columns.getChildren().add(column);
        }
        tile.setGraphic(columns);
        tile.setText(text);
    }

    /** Shows a slice per category (zero slices are left out, as a donut cannot draw them). */
    public static void showDonut(Tile tile, Map<String, Integer> shares, String text) {
        List<ChartData> data = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, Integer> share : shares.entrySet()) {
            if (share.getValue() > 0) {
                data.add(new ChartData(share.getKey(), share.getValue(),
                        Color.web(MetricChart.PALETTE.get(colour % MetricChart.PALETTE.size()))));
            }
            colour++;
        }
        tile.clearChartData();
        tile.setChartData(data);
        tile.setText(text);
    }

    /** Shows these lines, or {@code empty} (what to do to fill it) when there are none. */
    public static void showList(Tile tile, List<Line> lines, String empty) {
        VBox box = new VBox(6);
        box.setPadding(new Insets(4, 0, 0, 0));
        if (lines.isEmpty()) {
            Label hint = label(empty, Color.web("#8b949e"));
            hint.setWrapText(true);
            box.getChildren().add(hint);
        }
        for (Line line : lines) {
            Region dot = new Region();
            dot.setMinSize(9, 9);
            dot.setMaxSize(9, 9);
            dot.setStyle("-fx-background-radius: 5; -fx-background-color: " + web(line.mark().colour()) + ";");
            Label text = label(line.text(), tile.getTextColor());
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            Label detail = label(line.detail(), tile.getTextColor());
            detail.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(6, dot, text, detail);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box.getChildren().add(row);
        }
        tile.setGraphic(box);
    }

    private static Label label(String text, Color colour) {
        Label label = new Label(text);
        label.setTextFill(colour);
        label.setStyle("-fx-font-size: 12px;");
        return label;
    }

    private static String web(Color colour) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", (int) Math.round(colour.getRed() * 255),
                (int) Math.round(colour.getGreen() * 255), (int) Math.round(colour.getBlue() * 255));
    }
}
