package dev.cairn.core.importer;

import dev.cairn.core.tracking.LifecycleStage;
import java.util.Map;

/** An experiment as found in an MLflow store. */
record SourceExperiment(String id, String name, String artifactLocation, LifecycleStage stage, long creationTime,
                        long lastUpdateTime, Map<String, String> tags) {
}
