package dev.cairn.core.registry;

import java.util.List;
import java.util.Map;

/** A numbered version of a registered model; {@code provenance} is null for versions made over MLflow's API. */
public record ModelVersion(String name, int version, String description, String source, String runId, String runLink,
                           Stage stage, String status, String statusMessage, String userId, long creationTime,
                           long lastUpdateTime, Map<String, String> tags, List<String> aliases, Provenance provenance) {

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }
}
