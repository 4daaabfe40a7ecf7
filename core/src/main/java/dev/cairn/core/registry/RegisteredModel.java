package dev.cairn.core.registry;

import java.util.List;
import java.util.Map;

/**
 * A named model with its versions' latest per stage, tags, aliases (alias to version), model card
 * (markdown) and governance fields.
 */
public record RegisteredModel(String name, String description, long creationTime, long lastUpdateTime,
                              List<ModelVersion> latestVersions, Map<String, String> tags, Map<String, Integer> aliases,
                              String card, Governance governance) {

    public RegisteredModel {
        latestVersions = List.copyOf(latestVersions);
        tags = Map.copyOf(tags);
        aliases = Map.copyOf(aliases);
    }
}
