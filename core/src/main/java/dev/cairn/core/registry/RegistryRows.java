package dev.cairn.core.registry;

import static dev.cairn.core.store.Jdbc.first;
import static dev.cairn.core.store.Jdbc.list;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.tracking.TrackingException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads registry rows into records; shared by the registry's writes and searches. */
final class RegistryRows {

    static final String VERSION_COLUMNS = "name, version, description, source, run_id, run_link, current_stage, status, "
            + "status_message, user_id, creation_time, last_update_time, file_sha256, file_size, file_name, "
            + "producer_name, producer_version, ir_version, opsets, signature, model_id, storage_location";
    static final String MODEL_COLUMNS = "name, description, creation_time, last_update_time, card, owner, purpose, "
            + "data_sources, approved_by, approved_time";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryRows() {
    }

    static RegisteredModel requireModel(Connection connection, String name) throws SQLException {
        return first(connection, "SELECT " + MODEL_COLUMNS + " FROM registered_model WHERE name = ?",
                row -> model(connection, row), name)
                .orElseThrow(() -> TrackingException.notFound("Registered Model with name=" + name + " not found"));
    }

    static ModelVersion requireVersion(Connection connection, String name, int version) throws SQLException {
        return first(connection, "SELECT " + VERSION_COLUMNS + " FROM model_version WHERE name = ? AND version = ?",
                row -> version(connection, row), name, version)
                .orElseThrow(() -> TrackingException.notFound(
                        "Model Version (name=" + name + ", version=" + version + ") not found"));
    }

    static RegisteredModel model(Connection connection, ResultSet row) throws SQLException {
        String name = row.getString("name");
        long approved = row.getLong("approved_time");
        Governance governance = new Governance(row.getString("owner"), row.getString("purpose"),
                row.getString("data_sources"), row.getString("approved_by"), row.wasNull() ? null : approved);
        return new RegisteredModel(name, row.getString("description"), row.getLong("creation_time"),
                row.getLong("last_update_time"), latestVersions(connection, name, List.of()), modelTags(connection, name),
                aliases(connection, name), row.getString("card"), governance);
    }

    static ModelVersion version(Connection connection, ResultSet row) throws SQLException {
        String name = row.getString("name");
        int version = row.getInt("version");
        Provenance provenance = null;
        String sha = row.getString("file_sha256");
        if (sha != null) {
            provenance = new Provenance(sha, row.getLong("file_size"), row.getString("file_name"),
                    row.getString("producer_name"), row.getString("producer_version"), row.getLong("ir_version"),
                    opsets(row.getString("opsets")), row.getString("signature"));
        }
        Map<String, String> tags = new TreeMap<>();
        for (String[] tag : list(connection, "SELECT tag_key, tag_value FROM model_version_tag WHERE name = ? AND version = ?",
                r -> new String[] {r.getString(1), r.getString(2)}, name, version)) {
            tags.put(tag[0], tag[1]);
        }
        List<String> aliases = list(connection,
                "SELECT alias FROM registered_model_alias WHERE name = ? AND version = ? ORDER BY alias",
                r -> r.getString(1), name, version);
        return new ModelVersion(name, version, row.getString("description"), row.getString("source"),
                row.getString("run_id"), row.getString("run_link"), Stage.parse(row.getString("current_stage")),
                row.getString("status"), row.getString("status_message"), row.getString("user_id"),
                row.getLong("creation_time"), row.getLong("last_update_time"), tags, aliases, provenance,
                row.getString("model_id"), row.getString("storage_location"));
    }

    /** The newest version in each stage (every stage when {@code stages} is empty), ordered by stage. */
    static List<ModelVersion> latestVersions(Connection connection, String name, List<Stage> stages) throws SQLException {
        List<ModelVersion> latest = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            if (!stages.isEmpty() && !stages.contains(stage)) {
                continue;
            }
            first(connection, "SELECT " + VERSION_COLUMNS + " FROM model_version WHERE name = ? AND current_stage = ? "
                    + "ORDER BY version DESC LIMIT 1", row -> version(connection, row), name, stage.label())
                    .ifPresent(latest::add);
        }
        return latest;
    }

    static Map<String, String> modelTags(Connection connection, String name) throws SQLException {
        Map<String, String> tags = new TreeMap<>();
        for (String[] tag : list(connection, "SELECT tag_key, tag_value FROM registered_model_tag WHERE name = ?",
                r -> new String[] {r.getString(1), r.getString(2)}, name)) {
            tags.put(tag[0], tag[1]);
        }
        return tags;
    }

    static Map<String, Integer> aliases(Connection connection, String name) throws SQLException {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        for (Object[] alias : list(connection, "SELECT alias, version FROM registered_model_alias WHERE name = ? ORDER BY alias",
                r -> new Object[] {r.getString(1), r.getInt(2)}, name)) {
            aliases.put((String) alias[0], (Integer) alias[1]);
        }
        return aliases;
    }

    static String opsetsJson(Map<String, Long> opsets) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(opsets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> opsets(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, Long>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
