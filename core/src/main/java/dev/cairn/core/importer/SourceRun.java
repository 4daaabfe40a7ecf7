package dev.cairn.core.importer;

import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.RunStatus;

/** A run's own fields as found in an MLflow store. */
record SourceRun(String runId, String experimentId, String name, String userId, RunStatus status, Long startTime,
                 Long endTime, LifecycleStage stage, String artifactUri, Long deletedTime) {
}
