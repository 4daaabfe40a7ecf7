package dev.cairn.core.tracking;

/** A metric's whole history as primitive arrays in logging order, ready for charts (no object per point). */
public record MetricSeries(String key, long[] steps, long[] timestamps, double[] values) {

    public int size() {
        return values.length;
    }
}
