package dev.cairn.charts;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.util.Locale;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;

/**
 * A drift report at a glance, as TilesFX tiles: the dataset verdict, the share of drifted columns against the
 * threshold that makes it dataset drift, and the sizes compared. Call on the JavaFX thread.
 */
public final class DriftSummaryTiles extends HBox {

    private static final Color DRIFT = Color.web("#d62728");
    private static final Color STABLE = Color.web("#2ca02c");

    private final Tile verdict = TileBuilder.create().skinType(Tile.SkinType.TEXT).title("Dataset drift")
            .textVisible(true).prefSize(220, 150).build();
    private final Tile share = TileBuilder.create().skinType(Tile.SkinType.PERCENTAGE).title("Drifted columns")
            .unit("%").maxValue(100).decimals(0).prefSize(220, 150).build();
    private final Tile sizes = TileBuilder.create().skinType(Tile.SkinType.TEXT).title("Rows compared")
            .textVisible(true).prefSize(260, 150).build();

    public DriftSummaryTiles() {
        super(10);
        setId("drift-summary");
        verdict.setId("drift-tile-verdict");
        share.setId("drift-tile-share");
        sizes.setId("drift-tile-sizes");
        getChildren().setAll(verdict, share, sizes);
    }

    /**
     * Shows a report's figures.
     *
     * @param driftedColumns columns that drifted, of {@code columns}
     * @param driftShare the share of drifted columns that means dataset drift (0.5 by default)
     */
    public void show(boolean datasetDrift, int driftedColumns, int columns, double driftShare, long referenceRows,
            long currentRows) {
        verdict.setDescription(datasetDrift ? "Detected" : "Not detected");
        verdict.setText(String.format(Locale.ROOT, "threshold: %.0f%% of columns", driftShare * 100));
        verdict.setBackgroundColor(datasetDrift ? DRIFT : STABLE);
        share.setValue(columns == 0 ? 0 : 100.0 * driftedColumns / columns);
        share.setDescription(driftedColumns + " of " + columns);
        share.setBarColor(datasetDrift ? DRIFT : STABLE);
        sizes.setDescription(String.format(Locale.ROOT, "%,d \u2192 %,d", referenceRows, currentRows));
        sizes.setText("reference \u2192 current");
    }

    /** For tests: the verdict tile's big text. */
    public String verdictText() {
        return verdict.getDescription();
    }
}
