package dev.cairn.charts;

/** One line of a chart: a name for the legend and its points (same length, x ascending). */
public record Series(String name, double[] x, double[] y) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
    }

    public int size() {
        return x.length;
    }
}
