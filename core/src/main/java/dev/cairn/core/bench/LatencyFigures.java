package dev.cairn.core.bench;

import org.HdrHistogram.AbstractHistogram;

/**
 * The latency figures {@code onnxruntime_perf_test} prints, and P95, computed from a histogram of nanoseconds.
 * HdrHistogram keeps three significant digits, so each percentile is within 0.1% of the exact nearest-rank value.
 */
public record LatencyFigures(long count, long minNanos, double meanNanos, long p50Nanos, long p90Nanos,
        long p95Nanos, long p99Nanos, long p999Nanos, long maxNanos) {

    /** The figures of the values recorded in {@code histogram} (all zero when it is empty). */
    public static LatencyFigures of(AbstractHistogram histogram) {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return new LatencyFigures(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencyFigures(count, histogram.getMinValue(), histogram.getMean(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(95), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }
}
