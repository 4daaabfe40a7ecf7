package dev.cairn.core.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An MLflow 3 logged model: status is MLflow's name (LOGGED_MODEL_PENDING, _READY, _UPLOAD_FAILED); metrics are every
 * point logged with its id, by key, step and time.
 */
public record LoggedModel(String modelId, String experimentId, String name, String modelType, String sourceRunId,
                          String status, String statusMessage, String artifactUri, String creatorId, long creationTime,
                          long lastUpdateTime, Map<String, String> tags, Map<String, String> params,
                          List<ModelMetric> metrics) {

    /** The tag in which MLflow lists the registered versions made from a model: a JSON list of {name, version}. */
    public static final String MODEL_VERSIONS_TAG = "mlflow.modelVersions";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registered version made from the model. */
    public record Registration(String name, String version) {
    }

    public LoggedModel {
        tags = Map.copyOf(tags);
        params = Map.copyOf(params);
        metrics = List.copyOf(metrics);
    }

    /** The versions {@link #MODEL_VERSIONS_TAG} lists, each once, in order; none when it is absent or not JSON. */
    public List<Registration> registrations() {
        String tag = tags.get(MODEL_VERSIONS_TAG);
        Set<Registration> found = new LinkedHashSet<>();
        if (tag != null) {
            try {
                for (JsonNode entry : JSON.readTree(tag)) {
                    String name = entry.path("name").asText();
                    if (!name.isEmpty()) {
                        found.add(new Registration(name, entry.path("version").asText()));
                    }
                }
            } catch (IOException e) {
                // a hand-edited tag that is not MLflow's JSON list names no versions
            }
        }
        return new ArrayList<>(found);
    }
}
