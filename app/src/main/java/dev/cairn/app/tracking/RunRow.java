package dev.cairn.app.tracking;

import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.Run;
import java.util.LinkedHashMap;
import java.util.Map;

/** A run as the run table shows it: plain values, computed once off the JavaFX thread. */
public record RunRow(String runId, String name, String status, Long startTime, Long durationMillis, String user,
                     String source, Map<String, Double> metrics, Map<String, String> params) {

    static RunRow of(Run run) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric metric : run.latestMetrics()) {
            metrics.put(metric.key(), metric.value());
        }
        Long start = run.info().startTime();
        Long end = run.info().endTime();
        return new RunRow(run.info().runId(), run.info().runName(), run.info().status().name(), start,
                start != null && end != null ? end - start : null, run.info().userId(),
                run.tags().getOrDefault("mlflow.source.name", ""), metrics, run.params());
    }
}
