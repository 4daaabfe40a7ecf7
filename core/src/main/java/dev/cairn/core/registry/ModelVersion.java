package dev.cairn.core.registry;

import java.util.List;
import java.util.Map;

/**
 * A numbered version of a registered model; {@code provenance} is null for versions made over MLflow's API.
 * {@code modelId} and {@code storageLocation} are set for a version of an MLflow 3 logged model: its id and where its
 * files are (the logged model's artifact location), null otherwise.
 */
public record ModelVersion(String name, int version, String description, String source, String runId, String runLink,
                           Stage stage, String status, String statusMessage, String userId, long creationTime,
                           long lastUpdateTime, Map<String, String> tags, List<String> aliases, Provenance provenance,
                           String modelId, String storageLocation) {

    /** Where the version's files are: the logged model's location when it has one, else its source. */
    public String downloadUri() {
        return storageLocation != null ? storageLocation : source;
    }

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }
}
