package dev.cairn.app.bench;

import dev.cairn.charts.Series;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;

/**
 * The latency at each percentile of a benchmark's histogram, in milliseconds, as a chart series. The x axis counts
 * "nines" (1 = P90, 2 = P99, 3 = P99.9), as HdrHistogram's plots do: on a plain percentile axis the tail, where
 * latencies differ, would be a sliver at the right edge.
 */
final class LatencyCurve {

    private LatencyCurve() {
    }

    /**
     * Every whole percentile up to 90, then finer steps into the tail, where the interesting part of a latency
     * distribution is and where evenly spaced points would leave only a handful.
     */
    static Series of(AbstractHistogram histogram) {
        List<Double> percentiles = new ArrayList<>();
        for (int p = 0; p < 90; p++) {
            percentiles.add((double) p);
        }
        for (double p = 90; p < 99; p += 0.25) {
            percentiles.add(p);
        }
        for (double p = 99; p < 99.9; p += 0.05) {
            percentiles.add(p);
        }
        percentiles.addAll(List.of(99.9, 99.95, 99.99));
        double[] x = new double[percentiles.size()];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double percentile = percentiles.get(i);
            x[i] = nines(percentile);
            y[i] = histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
        }
        return new Series("latency (ms)", x, y);
    }

    /** 0 for P0, 1 for P90, 2 for P99, 3 for P99.9. */
    static double nines(double percentile) {
        return -Math.log10(1 - percentile / 100);
    }
}
