package dev.cairn.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PixelMinMaxReducerTest {

    private final PixelMinMaxReducer reducer = new PixelMinMaxReducer();

    @Test
    void aOneSampleSpikeSurvivesAMillionPointsOnFewPixels() {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 800.0 / n; // a million points over 800 pixel columns
            y[i] = Math.sin(i / 5000.0);
        }
        y[654_321] = 50;  // the spike
        y[123_456] = -50; // and a dip
        int kept = reducer.reducePoints(x, y, null, null, null, null, new String[n], new boolean[n], 0, n);

        assertThat(kept).isLessThanOrEqualTo(4 * 801);
        double[] reduced = Arrays.copyOf(y, kept);
        assertThat(Arrays.stream(reduced).max().orElseThrow()).isEqualTo(50);
        assertThat(Arrays.stream(reduced).min().orElseThrow()).isEqualTo(-50);
        for (int i = 1; i < kept; i++) {
            assertThat(x[i]).as("order kept").isGreaterThanOrEqualTo(x[i - 1]);
        }
    }

    @Test
    void fewPointsPerColumnAreKeptAsTheyAre() {
        double[] x = {0.1, 1.2, 2.3, 3.4};
        double[] y = {4, 3, 2, 1};
        assertThat(reducer.reducePoints(x, y, null, null, null, null, new String[4], new boolean[4], 0, 4)).isEqualTo(4);
        assertThat(y).containsExactly(4, 3, 2, 1);
    }

    @Test
    void nanMakesAGapThatIsKept() {
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[] y = {1, 5, Double.NaN, 2, 3};
        int kept = reducer.reducePoints(x, y, null, null, null, null, new String[5], new boolean[5], 0, 5);
        assertThat(Arrays.copyOf(y, kept)).containsExactly(1, 5, Double.NaN, 2, 3);
    }

    @Test
    void columnKeepsFirstLowHighLastInOrder() {
        double[] x = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5};
        double[] y = {3, 9, 1, 4, 5, 2};
        int kept = reducer.reducePoints(x, y, null, null, null, null, new String[6], new boolean[6], 0, 6);
        assertThat(Arrays.copyOf(y, kept)).containsExactly(3, 9, 1, 2);
    }

    @Test
    void emaIsDebiasedAndSkipsNaN() {
        double[] smoothed = Smoothing.ema(new double[] {10, 10, Double.NaN, 10}, 0.9);
        assertThat(smoothed[0]).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(smoothed[2]).isNaN();
        assertThat(smoothed[3]).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void summaryNamesLastMinAndMax() {
        String text = MetricChart.summarize(java.util.List.of(new Series("loss", new double[] {0, 1, 2}, new double[] {0.9, 0.1, 0.3})));
        assertThat(text).isEqualTo("last 0.3 · min 0.1 at 1 · max 0.9 at 0 · 3 points");
        assertThat(MetricChart.number(5e-5)).isEqualTo("0.00005");
        assertThat(MetricChart.number(1.23456789e-7)).isEqualTo("1.23457E-7");
        assertThat(MetricChart.number(Double.NaN)).isEqualTo("NaN");
    }
}
