package dev.cairn.core.tracking;

import java.util.List;
import java.util.Map;

/**
 * An MLflow 3 logged model: status is MLflow's name (LOGGED_MODEL_PENDING, _READY, _UPLOAD_FAILED); metrics are every
 * point logged with its id, by key, step and time.
 */
public record LoggedModel(String modelId, String experimentId, String name, String modelType, String sourceRunId,
                          String status, String statusMessage, String artifactUri, String creatorId, long creationTime,
                          long lastUpdateTime, Map<String, String> tags, Map<String, String> params,
                          List<ModelMetric> metrics) {

    public LoggedModel {
        tags = Map.copyOf(tags);
        params = Map.copyOf(params);
        metrics = List.copyOf(metrics);
    }
}
