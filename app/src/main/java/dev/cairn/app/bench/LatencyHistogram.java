package dev.cairn.app.bench;

import dev.cairn.charts.Series;
import org.HdrHistogram.AbstractHistogram;

/**
 * A benchmark's latencies as bars: how many inferences took each span of milliseconds. The bins run evenly from the
 * fastest inference to P99; the slowest 1% are counted in the last bar, since a handful of outliers at 100x the
 * median would otherwise squash every other bar into one (the percentile curve beside it shows that tail).
 */
final class LatencyHistogram {

    static final int BINS = 60;

    private LatencyHistogram() {
    }

    /** Bin centres in milliseconds and counts; empty for an empty histogram. */
    static Series of(AbstractHistogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Series("inferences", new double[0], new double[0]);
        }
        long low = histogram.getMinValue();
        long high = Math.max(histogram.getValueAtPercentile(99), low + BINS);
        double width = (double) (high - low) / BINS;
        double[] x = new double[BINS];
        double[] y = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            long from = low + Math.round(i * width);
            long to = i == BINS - 1 ? histogram.getMaxValue() : low + Math.round((i + 1) * width) - 1;
            x[i] = (low + (i + 0.5) * width) / 1e6;
            y[i] = to < from ? 0 : histogram.getCountBetweenValues(from, to);
        }
        return new Series("inferences", x, y);
    }
}
