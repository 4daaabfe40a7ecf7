package dev.cairn.app.tracking;

import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.MetricRange;
import dev.cairn.core.tracking.Run;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run as the run table shows it: plain values, computed once off the JavaFX thread.
 *
 * @param parentRunId the parent's id for a nested run (MLflow's {@code mlflow.parentRunId} tag), or null
 * @param ranges each metric's min and max with their steps
 */
public record RunRow(String runId, String name, String status, Long startTime, Long durationMillis, String user,
                     String source, String parentRunId, Map<String, Double> metrics, Map<String, MetricRange> ranges,
                     Map<String, String> params, Map<String, String> tags) {

    static final String PARENT_TAG = "mlflow.parentRunId";

    static RunRow of(Run run) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric metric : run.latestMetrics()) {
            metrics.put(metric.key(), metric.value());
        }
        Long start = run.info().startTime();
        Long end = run.info().endTime();
        return new RunRow(run.info().runId(), run.info().runName(), run.info().status().name(), start,
                start != null && end != null ? end - start : null, run.info().userId(),
                run.tags().getOrDefault("mlflow.source.name", ""), run.tags().get(PARENT_TAG), metrics,
                run.metricRanges(), run.params(), run.tags());
    }

    boolean running() {
        return "RUNNING".equals(status);
    }
}
