package dev.cairn.app.bench;

import dev.cairn.charts.Series;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

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
            x[i] = (low + (i + 0.5) * width) / 1e6;
        }
        // Each recorded value counted once, in the bin it falls in: asking the histogram for counts between bin
        // edges would count a bucket twice where bins are narrower than its buckets (3 significant digits).
        for (HistogramIterationValue value : histogram.recordedValues()) {
            int bin = (int) Math.min(BINS - 1, Math.max(0, (value.getValueIteratedTo() - low) / width));
            y[bin] += value.getCountAtValueIteratedTo();
        }
        return new Series("inferences", x, y);
    }
}
