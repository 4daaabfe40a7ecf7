package dev.cairn.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scaling of each axis, without a display. */
class ParallelCoordinatesChartTest {

    @Test
    void eachAxisRunsFromItsOwnMinimumToMaximumAndSkipsMissingValues() {
        List<ParallelCoordinatesChart.Line> lines = List.of(
                new ParallelCoordinatesChart.Line("a", new double[] {1, 100, 5}),
                new ParallelCoordinatesChart.Line("b", new double[] {3, Double.NaN, 5}),
                new ParallelCoordinatesChart.Line("c", new double[] {2, 300, 5}));
        double[][] ranges = ParallelCoordinatesChart.ranges(List.of("x", "y", "z"), lines);

        assertThat(ranges[0]).containsExactly(1, 3);
        assertThat(ranges[1]).containsExactly(100, 300); // b's NaN is left out
        assertThat(ParallelCoordinatesChart.position(2, ranges[0])).isCloseTo(0.5, within(1e-12));
        assertThat(ParallelCoordinatesChart.position(300, ranges[1])).isEqualTo(1.0);
        assertThat(ParallelCoordinatesChart.position(5, ranges[2])).isEqualTo(0.5); // one value: the middle
    }

    @Test
    void aLineNeedsAValuePerDimension() {
        ParallelCoordinatesChart.Line short1 = new ParallelCoordinatesChart.Line("a", new double[] {1});
        assertThatThrownBy(() -> new ParallelCoordinatesChart().show(List.of("x", "y"), List.of(short1)))
                .hasMessageContaining("a has 1 values for 2 dimensions");
    }
}
