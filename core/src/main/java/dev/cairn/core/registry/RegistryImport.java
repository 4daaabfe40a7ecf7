package dev.cairn.core.registry;

import static dev.cairn.core.store.Jdbc.first;
import static dev.cairn.core.store.Jdbc.update;

import dev.cairn.core.store.Store;
import java.time.Clock;
import java.util.Map;

/**
 * Writes registered models, versions and aliases brought in from an MLflow store, keeping their names, version
 * numbers and times. What is already here is left as it is, so importing the same store twice adds nothing; each
 * addition is audited as an import.
 */
public final class RegistryImport {

    private final Store store;
    private final RegistryAudit audit;

    public RegistryImport(Store store, Clock clock, String user) {
        this.store = store;
        this.audit = new RegistryAudit(store, clock, user);
    }

    /** Creates the registered model unless one of that name is here; true when it was created. */
    public boolean ensureModel(String name, String description, long creationTime, long lastUpdateTime,
                               Map<String, String> tags) {
        return store.inTransaction(connection -> {
            if (first(connection, "SELECT 1 FROM registered_model WHERE name = ?", row -> true, name).isPresent()) {
                return false;
            }
            update(connection, "INSERT INTO registered_model (name, description, creation_time, last_update_time) "
                    + "VALUES (?, ?, ?, ?)", name, description, creationTime, lastUpdateTime);
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                update(connection, "INSERT INTO registered_model_tag (name, tag_key, tag_value) VALUES (?, ?, ?)",
                        name, tag.getKey(), tag.getValue());
            }
            audit.record(connection, name, null, "import model", null, null, name);
            return true;
        });
    }

    /** One imported version, with the number it had; see {@link #importVersion}. */
    public record Version(int number, VersionSource from, Stage stage, String status, String statusMessage,
                          String userId, String description, long creationTime, long lastUpdateTime,
                          Map<String, String> tags) {
    }

    /** Adds the version under its own number unless that number is taken; true when it was added. */
    public boolean importVersion(String name, Version version) {
        return store.inTransaction(connection -> {
            if (first(connection, "SELECT 1 FROM model_version WHERE name = ? AND version = ?", row -> true, name,
                    version.number()).isPresent()) {
                return false;
            }
            update(connection, "INSERT INTO model_version (name, version, description, source, run_id, run_link, "
                            + "current_stage, status, status_message, user_id, creation_time, last_update_time, model_id, "
                            + "storage_location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", name,
                    version.number(), version.description(), version.from().source() == null ? ""
                            : version.from().source(), version.from().runId(), version.from().runLink(),
                    version.stage().label(), version.status(), version.statusMessage(), version.userId(),
                    version.creationTime(), version.lastUpdateTime(), version.from().modelId(),
                    version.from().storageLocation());
            // Numbers are never reused: the next version made here comes after the highest imported.
            update(connection, "UPDATE registered_model SET last_version = GREATEST(last_version, ?) WHERE name = ?",
                    version.number(), name);
            for (Map.Entry<String, String> tag : version.tags().entrySet()) {
                update(connection, "INSERT INTO model_version_tag (name, version, tag_key, tag_value) VALUES (?, ?, ?, ?)",
                        name, version.number(), tag.getKey(), tag.getValue());
            }
            audit.record(connection, name, version.number(), "import version", null, null, version.from().source());
            return true;
        });
    }

    /** Points the alias at the version unless the alias is set already or the version is not here. */
    public boolean importAlias(String name, String alias, int version) {
        return store.inTransaction(connection -> {
            if (first(connection, "SELECT 1 FROM registered_model_alias WHERE name = ? AND alias = ?", row -> true, name,
                    alias).isPresent() || first(connection, "SELECT 1 FROM model_version WHERE name = ? AND version = ?",
                    row -> true, name, version).isEmpty()) {
                return false;
            }
            update(connection, "INSERT INTO registered_model_alias (name, alias, version) VALUES (?, ?, ?)", name,
                    alias, version);
            audit.record(connection, name, version, "import alias", "alias", null, alias);
            return true;
        });
    }
}
