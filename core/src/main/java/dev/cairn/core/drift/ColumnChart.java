package dev.cairn.core.drift;

import java.util.List;

/**
 * What a report draws for a column: bin edges and counts for a numerical column (reference and current on the same
 * edges), or labels and counts for a categorical one ({@code edges} empty).
 */
public record ColumnChart(double[] edges, List<String> labels, long[] reference, long[] current) {

    public ColumnChart {
        labels = List.copyOf(labels);
    }

    public boolean numerical() {
        return edges.length > 0;
    }
}
