package dev.cairn.core.importer;

import java.util.List;
import java.util.Map;

/** A registered model as found in an MLflow store, with its versions and its aliases (alias to version number). */
record SourceRegisteredModel(String name, String description, long creationTime, long lastUpdateTime,
                             Map<String, String> tags, Map<String, Integer> aliases, List<Version> versions) {

    /** One version; {@code storageLocation} and {@code modelId} are MLflow 3's (null before). */
    record Version(int version, String description, String source, String runId, String runLink, String stage,
                   String status, String statusMessage, String userId, long creationTime, long lastUpdateTime,
                   Map<String, String> tags, String storageLocation, String modelId) {
    }
}
