package dev.cairn.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.workspace.Workspace;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Min, max and their steps, kept as points arrive in batches, and recomputed for rows written before they were. */
@ExtendWith(FreshWorkspaceExtension.class)
class MetricRangeTest {

    @Test
    void rangesFollowEveryBatchAndSkipNaN(Workspace workspace) {
        TrackingServices tracking = TrackingServices.of(workspace);
        String experiment = tracking.experiments().create("ranges", null, Map.of());
        String run = tracking.runs().create(experiment, "me", "r", 0L, Map.of()).info().runId();

        tracking.log().logBatch(run, List.of(point("val_loss", 0.9, 0), point("val_loss", 0.5, 1),
                point("val_loss", Double.NaN, 2), point("accuracy", 0.6, 0)), List.of(), List.of());
        tracking.log().logBatch(run, List.of(point("val_loss", 0.7, 3), point("val_loss", 0.5, 4),
                point("accuracy", 0.8, 1), point("accuracy", 0.7, 2)), List.of(), List.of());
        tracking.log().logMetric(run, point("only_nan", Double.NaN, 0));

        Map<String, MetricRange> ranges = tracking.runs().get(run).metricRanges();
        assertThat(ranges.get("val_loss")).isEqualTo(new MetricRange(0.5, 1, 0.9, 0)); // first step on a tie
        assertThat(ranges.get("accuracy")).isEqualTo(new MetricRange(0.6, 0, 0.8, 1));
        assertThat(ranges.get("val_loss").bestStep("val_loss")).isEqualTo(1);
        assertThat(ranges.get("accuracy").bestStep("accuracy")).isEqualTo(1);
        assertThat(ranges.get("only_nan").minStep()).isEqualTo(-1);
        assertThat(ranges.get("only_nan").min()).isNaN();
        // Points logged out of order still count: the range is over values, not arrival.
        tracking.log().logMetric(run, point("accuracy", 0.95, 0));
        assertThat(tracking.runs().get(run).metricRanges().get("accuracy")).isEqualTo(new MetricRange(0.6, 0, 0.95, 0));
    }

    @Test
    void rowsFromBeforeRangesWereKeptAreComputedFromThePoints(Workspace workspace) {
        TrackingServices tracking = TrackingServices.of(workspace);
        String experiment = tracking.experiments().create("legacy", null, Map.of());
        String run = tracking.runs().create(experiment, "me", "r", 0L, Map.of()).info().runId();
        tracking.log().logBatch(run, List.of(point("rmse", 3, 0), point("rmse", 1, 1), point("rmse", 2, 2)),
                List.of(), List.of());
        forgetRanges(workspace);

        assertThat(tracking.runs().get(run).metricRanges().get("rmse")).isEqualTo(new MetricRange(1, 1, 3, 0));
        tracking.log().logMetric(run, point("rmse", 0.5, 3));
        assertThat(tracking.runs().get(run).metricRanges().get("rmse")).isEqualTo(new MetricRange(0.5, 3, 3, 0));
    }

    @Test
    void betterLowOrHighIsReadFromTheName() {
        assertThat(MetricRange.lowerIsBetter("val_loss")).isTrue();
        assertThat(MetricRange.lowerIsBetter("RMSE")).isTrue();
        assertThat(MetricRange.lowerIsBetter("train/error_rate")).isTrue();
        assertThat(MetricRange.lowerIsBetter("accuracy")).isFalse();
        assertThat(MetricRange.lowerIsBetter("f1")).isFalse();
        assertThat(MetricRange.lowerIsBetter("auc")).isFalse();
    }

    private static void forgetRanges(Workspace workspace) {
        workspace.store().inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE latest_metric SET min_value = NULL, "
                    + "min_step = NULL, max_value = NULL, max_step = NULL")) {
                return update.executeUpdate();
            }
        });
    }

    private static Metric point(String key, double value, long step) {
        return new Metric(key, value, 1000 + step, step);
    }
}
