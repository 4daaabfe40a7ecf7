package dev.cairn.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Percentiles from HdrHistogram against distributions whose exact nearest-rank values are known. */
class BenchLatencyFiguresTest {

    @Test
    void aUniformDistributionGivesItsPercentilesWithinATenthOfAPercent() {
        Histogram histogram = new Histogram(1, MeasuringThread.HIGHEST_NANOS, 3);
        for (long micros = 1; micros <= 100_000; micros++) {
            histogram.recordValue(micros * 1_000);
        }
        LatencyFigures figures = LatencyFigures.of(histogram);

        assertThat(figures.count()).isEqualTo(100_000);
        assertThat(figures.minNanos()).isEqualTo(1_000);
        assertThat(figures.meanNanos()).isCloseTo(50_000_500, within(50_000.0));
        assertThat(figures.p50Nanos()).isCloseTo(50_000_000L, within(50_000L));
        assertThat(figures.p90Nanos()).isCloseTo(90_000_000L, within(90_000L));
        assertThat(figures.p95Nanos()).isCloseTo(95_000_000L, within(95_000L));
        assertThat(figures.p99Nanos()).isCloseTo(99_000_000L, within(99_000L));
        assertThat(figures.p999Nanos()).isCloseTo(99_900_000L, within(99_900L));
        assertThat(figures.maxNanos()).isCloseTo(100_000_000L, within(100_000L));
    }

    @Test
    void aRareSlowTailShowsOnlyAboveItsPercentile() {
        Histogram histogram = new Histogram(1, MeasuringThread.HIGHEST_NANOS, 3);
        histogram.recordValueWithCount(10_000, 9_990); // 10 µs
        histogram.recordValueWithCount(5_000_000, 10); // 5 ms: the slowest 0.1%
        LatencyFigures figures = LatencyFigures.of(histogram);

        assertThat(figures.p99Nanos()).isCloseTo(10_000L, within(10L));
        assertThat(figures.p999Nanos()).isCloseTo(10_000L, within(10L));
        assertThat(figures.maxNanos()).isCloseTo(5_000_000L, within(5_000L));
        assertThat(figures.meanNanos()).isCloseTo((9_990 * 10_000.0 + 10 * 5_000_000.0) / 10_000, within(100.0));
    }

    @Test
    void anEmptyHistogramGivesZeros() {
        assertThat(LatencyFigures.of(new Histogram(3))).isEqualTo(new LatencyFigures(0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
