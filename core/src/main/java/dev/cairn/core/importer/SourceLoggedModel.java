package dev.cairn.core.importer;

import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.ModelMetric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An MLflow 3 logged model as found in a store; {@code status} is MLflow's name (LOGGED_MODEL_READY, ...) and
 * {@code artifactDir} its local files, or null when they are elsewhere.
 */
record SourceLoggedModel(String modelId, String name, String modelType, String sourceRunId, String status,
                         String statusMessage, long creationTime, long lastUpdateTime, LifecycleStage stage,
                         Map<String, String> tags, Map<String, String> params, List<ModelMetric> metrics,
                         String artifactLocation, Path artifactDir) {

    /** MLflow stores the status as the proto's number (LoggedModelStatus.to_int). */
    static String statusName(int number) {
        return switch (number) {
            case 1 -> "LOGGED_MODEL_PENDING";
            case 2 -> "LOGGED_MODEL_READY";
            case 3 -> "LOGGED_MODEL_UPLOAD_FAILED";
            default -> "LOGGED_MODEL_PENDING";
        };
    }
}
