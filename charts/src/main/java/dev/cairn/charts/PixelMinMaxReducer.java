package dev.cairn.charts;

import io.fair_acc.chartfx.renderer.RendererDataReducer;

/**
 * Reduces a line to what one pixel column can show without losing anything: for each column its first,
 * lowest, highest and last point, in their original order (the "M4" rule). A spike one sample wide
 * survives any zoom level, unlike sampling (MLflow's UI keeps 320 points) or averaging. NaN points
 * pass through, so gaps stay gaps.
 *
 * <p>ChartFX calls this with pixel coordinates and expects the arrays compacted in place from index 0.
 */
public final class PixelMinMaxReducer implements RendererDataReducer {

    @Override
    public int reducePoints(double[] x, double[] y, double[] xErrorPos, double[] xErrorNeg, double[] yErrorPos,
                            double[] yErrorNeg, String[] styles, boolean[] selected, int indexMin, int indexMax) {
        Compactor out = new Compactor(x, y, xErrorPos, xErrorNeg, yErrorPos, yErrorNeg, styles, selected);
        int i = indexMin;
        while (i < indexMax) {
            if (Double.isNaN(y[i])) {
                out.emit(i);
                i++;
                continue;
            }
            long column = (long) Math.floor(x[i]);
            int first = i;
            int low = i;
            int high = i;
            int last = i;
            i++;
            while (i < indexMax && !Double.isNaN(y[i]) && (long) Math.floor(x[i]) == column) {
                if (y[i] < y[low]) {
                    low = i;
                }
                if (y[i] > y[high]) {
                    high = i;
                }
                last = i;
                i++;
            }
            out.emitInOrder(first, low, high, last);
        }
        return out.count;
    }

    /** Writes chosen points to the front of the arrays; reads are always at or after the write position. */
    private static final class Compactor {
        private final double[][] values;
        private final String[] styles;
        private final boolean[] selected;
        private int count;

        Compactor(double[] x, double[] y, double[] xErrorPos, double[] xErrorNeg, double[] yErrorPos, double[] yErrorNeg,
                  String[] styles, boolean[] selected) {
            this.values = new double[][] {x, y, xErrorPos, xErrorNeg, yErrorPos, yErrorNeg};
            this.styles = styles;
            this.selected = selected;
        }

        void emit(int index) {
            copy(snapshot(index));
        }

        /** Emits the distinct indices among first/low/high/last, sorted, reading all before writing any. */
        void emitInOrder(int first, int low, int high, int last) {
            int[] order = {first, Math.min(low, high), Math.max(low, high), last};
            Point[] points = new Point[4];
            int n = 0;
            int previous = -1;
            for (int index : order) {
                if (index != previous) {
                    points[n++] = snapshot(index);
                    previous = index;
                }
            }
            for (int k = 0; k < n; k++) {
                copy(points[k]);
            }
        }

        private Point snapshot(int index) {
            double[] row = new double[values.length];
            for (int a = 0; a < values.length; a++) {
                row[a] = values[a] == null ? 0 : values[a][index];
            }
            return new Point(row, styles == null ? null : styles[index], selected != null && selected[index]);
        }

        private void copy(Point point) {
            for (int a = 0; a < values.length; a++) {
                if (values[a] != null) {
                    values[a][count] = point.values[a];
                }
            }
            if (styles != null) {
                styles[count] = point.style;
            }
            if (selected != null) {
                selected[count] = point.selected;
            }
            count++;
        }
    }

    private record Point(double[] values, String style, boolean selected) {
    }
}
