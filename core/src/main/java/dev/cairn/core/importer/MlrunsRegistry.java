package dev.cairn.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model registry of an MLflow FileStore (mlflow/store/model_registry/file_store.py): {@code models/<name>/}
 * with {@code meta.yaml}, {@code tags/}, {@code aliases/<alias>} (a file holding the version) and
 * {@code version-<n>/meta.yaml} with its {@code tags/}. Versions MLflow deleted (stage Deleted_Internal) are left out.
 */
final class MlrunsRegistry {

    private static final String DELETED_STAGE = "Deleted_Internal";

    private MlrunsRegistry() {
    }

    static List<SourceRegisteredModel> read(Path modelsDir, YAMLMapper yaml, List<String> notImported) {
        List<SourceRegisteredModel> models = new ArrayList<>();
        for (Path dir : MlrunsSource.children(modelsDir)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try {
                JsonNode meta = yaml.readTree(dir.resolve("meta.yaml").toFile());
                if (meta == null || !meta.isObject() || !meta.hasNonNull("name")) {
                    notImported.add("registered model " + dir + ": meta.yaml is empty or names no model");
                    continue;
                }
                List<SourceRegisteredModel.Version> versions = new ArrayList<>();
                for (Path versionDir : MlrunsSource.children(dir)) {
                    if (versionDir.getFileName().toString().startsWith("version-") && Files.isDirectory(versionDir)) {
                        version(versionDir, yaml, notImported, versions);
                    }
                }
                models.add(new SourceRegisteredModel(meta.path("name").asText(), MlrunsSource.textOrNull(meta,
                        "description"), meta.path("creation_timestamp").asLong(0),
                        meta.path("last_updated_timestamp").asLong(meta.path("creation_timestamp").asLong(0)),
                        MlrunsSource.readKeyValues(dir.resolve("tags"), notImported),
                        aliases(dir.resolve("aliases"), notImported), versions));
            } catch (IOException | RuntimeException e) {
                notImported.add("registered model " + dir + ": unreadable meta.yaml (" + e.getMessage() + ")");
            }
        }
        return models;
    }

    private static void version(Path dir, YAMLMapper yaml, List<String> notImported,
                                List<SourceRegisteredModel.Version> into) {
        try {
            JsonNode meta = yaml.readTree(dir.resolve("meta.yaml").toFile());
            if (meta == null || !meta.isObject() || !meta.hasNonNull("version")) {
                notImported.add("model version " + dir + ": meta.yaml is empty or names no version");
                return;
            }
            String stage = meta.path("current_stage").asText("None");
            if (stage.equals(DELETED_STAGE)) {
                return;
            }
            into.add(new SourceRegisteredModel.Version(meta.path("version").asInt(),
                    MlrunsSource.textOrNull(meta, "description"), MlrunsSource.textOrNull(meta, "source"),
                    MlrunsSource.textOrNull(meta, "run_id"), MlrunsSource.textOrNull(meta, "run_link"), stage,
                    meta.path("status").asText("READY"), MlrunsSource.textOrNull(meta, "status_message"),
                    MlrunsSource.textOrNull(meta, "user_id"), meta.path("creation_timestamp").asLong(0),
                    meta.path("last_updated_timestamp").asLong(meta.path("creation_timestamp").asLong(0)),
                    MlrunsSource.readKeyValues(dir.resolve("tags"), notImported),
                    MlrunsSource.textOrNull(meta, "storage_location"), MlrunsSource.textOrNull(meta, "model_id")));
        } catch (IOException | RuntimeException e) {
            notImported.add("model version " + dir + ": unreadable meta.yaml (" + e.getMessage() + ")");
        }
    }

    private static Map<String, Integer> aliases(Path dir, List<String> notImported) {
        Map<String, Integer> aliases = new TreeMap<>();
        for (Path file : MlrunsSource.children(dir)) {
            try {
                aliases.put(file.getFileName().toString(),
                        Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim()));
            } catch (IOException | NumberFormatException e) {
                notImported.add("alias " + file + ": not a version number (" + e.getMessage() + ")");
            }
        }
        return aliases;
    }
}
