package dev.cairn.core.tracking;

/** A run's own fields (no metrics, params or tags). Times are epoch milliseconds; end time is null while it runs. */
public record RunInfo(String runId, String runName, String experimentId, String userId, RunStatus status,
                      Long startTime, Long endTime, String artifactUri, LifecycleStage lifecycleStage) {
}
