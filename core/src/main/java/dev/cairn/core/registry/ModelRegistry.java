package dev.cairn.core.registry;

import static dev.cairn.core.store.Jdbc.first;
import static dev.cairn.core.store.Jdbc.list;
import static dev.cairn.core.store.Jdbc.update;

import dev.cairn.core.store.Store;
import dev.cairn.core.tracking.Page;
import dev.cairn.core.tracking.PageToken;
import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.TrackingLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The model registry: registered models, their numbered versions, tags, aliases, MLflow stages, model
 * cards and governance fields. Every change is written to the audit trail in the same transaction.
 */
public final class ModelRegistry {

    private static final int MAX_NAME = 256;
    private static final int MAX_DESCRIPTION = 5000;
    private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$");
    private static final Pattern RESERVED_ALIAS = Pattern.compile("(?i)^(latest|v\\d+)$");

    private final Store store;
    private final Clock clock;
    private final String user;
    private final RegistryAudit audit;

    /** @param user who the changes are recorded as made by (the OS user of the workbench) */
    public ModelRegistry(Store store, Clock clock, String user) {
        this.store = store;
        this.clock = clock;
        this.user = user;
        this.audit = new RegistryAudit(store, clock, user);
    }

    // ---- registered models ----

    public RegisteredModel createModel(String name, String description, Map<String, String> tags) {
        checkName(name);
        checkDescription(description);
        tags.forEach(ModelRegistry::checkTag);
        return store.inTransaction(connection -> {
            if (first(connection, "SELECT 1 FROM registered_model WHERE name = ?", row -> true, name).isPresent()) {
                throw new TrackingException(TrackingException.Kind.ALREADY_EXISTS,
                        "Registered Model (name=" + name + ") already exists.");
            }
            insertModel(connection, name, description, tags);
            return RegistryRows.requireModel(connection, name);
        });
    }

    private void insertModel(Connection connection, String name, String description, Map<String, String> tags)
            throws SQLException {
        long now = clock.millis();
        update(connection, "INSERT INTO registered_model (name, description, creation_time, last_update_time) "
                + "VALUES (?, ?, ?, ?)", name, emptyToNull(description), now, now);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            update(connection, "INSERT INTO registered_model_tag (name, tag_key, tag_value) VALUES (?, ?, ?)",
                    name, tag.getKey(), tag.getValue());
        }
        audit.record(connection, name, null, "create model", null, null, name);
    }

    public RegisteredModel getModel(String name) {
        return store.read(connection -> RegistryRows.requireModel(connection, requireName(name)));
    }

    /** Whether a registered model of that name exists. */
    public boolean exists(String name) {
        return store.read(connection -> first(connection, "SELECT 1 FROM registered_model WHERE name = ?",
                row -> true, name).isPresent());
    }

    public RegisteredModel renameModel(String name, String newName) {
        checkName(newName);
        return store.inTransaction(connection -> {
            RegistryRows.requireModel(connection, requireName(name));
            if (first(connection, "SELECT 1 FROM registered_model WHERE name = ?", row -> true, newName).isPresent()) {
                throw new TrackingException(TrackingException.Kind.ALREADY_EXISTS,
                        "Registered Model (name=" + newName + ") already exists.");
            }
            // Foreign keys cascade the new name to versions, tags and aliases; the audit trail follows by hand.
            update(connection, "UPDATE registered_model SET name = ?, last_update_time = ? WHERE name = ?",
                    newName, clock.millis(), name);
            update(connection, "UPDATE registry_audit SET name = ? WHERE name = ?", newName, name);
            audit.record(connection, newName, null, "rename model", "name", name, newName);
            return RegistryRows.requireModel(connection, newName);
        });
    }

    public RegisteredModel updateModelDescription(String name, String description) {
        checkDescription(description);
        return store.inTransaction(connection -> {
            RegisteredModel before = RegistryRows.requireModel(connection, requireName(name));
            touchModel(connection, name, "description", emptyToNull(description));
            audit.record(connection, name, null, "update model", "description", before.description(), description);
            return RegistryRows.requireModel(connection, name);
        });
    }

    /** Replaces the model card, a markdown text. */
    public RegisteredModel updateCard(String name, String markdown) {
        return store.inTransaction(connection -> {
            RegisteredModel before = RegistryRows.requireModel(connection, requireName(name));
            touchModel(connection, name, "card", emptyToNull(markdown));
            audit.record(connection, name, null, "update card", "card", before.card(), markdown);
            return RegistryRows.requireModel(connection, name);
        });
    }

    /** Replaces the governance fields; each changed field gets its own audit entry. */
    public RegisteredModel updateGovernance(String name, Governance governance) {
        return store.inTransaction(connection -> {
            Governance before = RegistryRows.requireModel(connection, requireName(name)).governance();
            changeField(connection, name, "owner", before.owner(), governance.owner());
            changeField(connection, name, "purpose", before.purpose(), governance.purpose());
            changeField(connection, name, "data_sources", before.dataSources(), governance.dataSources());
            changeField(connection, name, "approved_by", before.approvedBy(), governance.approvedBy());
            changeField(connection, name, "approved_time", before.approvedTime(), governance.approvedTime());
            return RegistryRows.requireModel(connection, name);
        });
    }

    private void changeField(Connection connection, String name, String column, Object before, Object after)
            throws SQLException {
        Object value = after instanceof String text ? emptyToNull(text) : after;
        if (!Objects.equals(before, value)) {
            touchModel(connection, name, column, value);
            audit.record(connection, name, null, "update governance", column, Objects.toString(before, null),
                    Objects.toString(value, null));
        }
    }

    private void touchModel(Connection connection, String name, String column, Object value) throws SQLException {
        update(connection, "UPDATE registered_model SET " + column + " = ?, last_update_time = ? WHERE name = ?",
                value, clock.millis(), name);
    }

    /** Deletes the model with its versions, tags and aliases; the stored files and the audit trail stay. */
    public void deleteModel(String name) {
        store.inTransaction(connection -> {
            RegistryRows.requireModel(connection, requireName(name));
            update(connection, "DELETE FROM registered_model WHERE name = ?", name);
            audit.record(connection, name, null, "delete model", null, name, null);
            return null;
        });
    }

    public Page<RegisteredModel> searchModels(String filter, int maxResults, List<String> orderBy, String pageToken) {
        int limit = pageSize(maxResults, 100, 1000);
        long offset = PageToken.offset(pageToken);
        RegistryQuery.Sql sql = RegistryQuery.models(filter, orderBy, limit + 1, offset);
        return store.read(connection -> {
            List<String> names = list(connection, sql.text(), row -> row.getString(1), sql.parameters().toArray());
            List<RegisteredModel> models = new ArrayList<>();
            for (String name : names.subList(0, Math.min(limit, names.size()))) {
                models.add(RegistryRows.requireModel(connection, name));
            }
            return new Page<>(models, names.size() > limit ? PageToken.of(offset + limit) : null);
        });
    }

    public void setModelTag(String name, String key, String value) {
        checkTag(key, value);
        store.inTransaction(connection -> {
            RegisteredModel before = RegistryRows.requireModel(connection, requireName(name));
            update(connection, "MERGE INTO registered_model_tag (name, tag_key, tag_value) KEY (name, tag_key) "
                    + "VALUES (?, ?, ?)", name, key, value);
            audit.record(connection, name, null, "set tag", key, before.tags().get(key), value);
            return null;
        });
    }

    public void deleteModelTag(String name, String key) {
        store.inTransaction(connection -> {
            RegisteredModel before = RegistryRows.requireModel(connection, requireName(name));
            if (update(connection, "DELETE FROM registered_model_tag WHERE name = ? AND tag_key = ?", name, key) == 0) {
                throw TrackingException.notFound("No tag with name: " + key + " in Registered Model " + name);
            }
            audit.record(connection, name, null, "delete tag", key, before.tags().get(key), null);
            return null;
        });
    }

    // ---- versions ----

    /**
     * Adds the next version (1, 2, ...) of a registered model. {@code provenance} describes a file imported
     * through Cairn; null for a version created over MLflow's API.
     */
    public ModelVersion createVersion(String name, String source, String runId, String runLink, String description,
                                      Map<String, String> tags, Provenance provenance) {
        return createVersion(name, VersionSource.of(source, runId, runLink), description, tags, provenance);
    }

    /** Adds the next version of an existing registered model, from {@code from} (which may name a logged model). */
    public ModelVersion createVersion(String name, VersionSource from, String description, Map<String, String> tags,
                                      Provenance provenance) {
        if (from.source() == null || from.source().isBlank()) {
            throw TrackingException.invalid("Missing value for required parameter 'source'.");
        }
        checkDescription(description);
        tags.forEach(ModelRegistry::checkTag);
        return store.inTransaction(connection -> {
            RegistryRows.requireModel(connection, requireName(name));
            return insertVersion(connection, name, from, description, tags, provenance);
        });
    }

    /** Adds the next version of {@code name}, creating the registered model first if it is new, in one transaction. */
    public ModelVersion registerVersion(String name, String source, String runId, String description,
                                        Provenance provenance) {
        checkName(name);
        checkDescription(description);
        return store.inTransaction(connection -> {
            if (first(connection, "SELECT 1 FROM registered_model WHERE name = ?", row -> true, name).isEmpty()) {
                insertModel(connection, name, null, Map.of());
            }
            return insertVersion(connection, name, VersionSource.of(source, runId, null), description, Map.of(),
                    provenance);
        });
    }

    private ModelVersion insertVersion(Connection connection, String name, VersionSource from, String description,
                                       Map<String, String> tags, Provenance provenance) throws SQLException {
        update(connection, "UPDATE registered_model SET last_version = last_version + 1, last_update_time = ? "
                + "WHERE name = ?", clock.millis(), name);
        int version = first(connection, "SELECT last_version FROM registered_model WHERE name = ?",
                row -> row.getInt(1), name).orElseThrow();
        long now = clock.millis();
        update(connection, "INSERT INTO model_version (" + RegistryRows.VERSION_COLUMNS + ") VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, 'READY', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                name, version, emptyToNull(description), from.source(), emptyToNull(from.runId()),
                emptyToNull(from.runLink()),
                Stage.NONE.label(), user, now, now,
                provenance == null ? null : provenance.sha256(),
                provenance == null ? null : provenance.sizeBytes(),
                provenance == null ? null : provenance.fileName(),
                provenance == null ? null : provenance.producerName(),
                provenance == null ? null : provenance.producerVersion(),
                provenance == null ? null : provenance.irVersion(),
                provenance == null ? null : RegistryRows.opsetsJson(provenance.opsets()),
                provenance == null ? null : provenance.signature(),
                emptyToNull(from.modelId()), emptyToNull(from.storageLocation()));
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            update(connection, "INSERT INTO model_version_tag (name, version, tag_key, tag_value) VALUES (?, ?, ?, ?)",
                    name, version, tag.getKey(), tag.getValue());
        }
        audit.record(connection, name, version, "create version", null, null,
                provenance == null ? from.source() : provenance.fileName() + " (sha256 " + provenance.sha256() + ")");
        return RegistryRows.requireVersion(connection, name, version);
    }

    public ModelVersion getVersion(String name, int version) {
        return store.read(connection -> RegistryRows.requireVersion(connection, requireName(name), version));
    }

    /** Every version of a model, newest first. */
    public List<ModelVersion> versions(String name) {
        return store.read(connection -> {
            RegistryRows.requireModel(connection, requireName(name));
            return list(connection, "SELECT " + RegistryRows.VERSION_COLUMNS + " FROM model_version WHERE name = ? "
                    + "ORDER BY version DESC", row -> RegistryRows.version(connection, row), name);
        });
    }

    public ModelVersion updateVersionDescription(String name, int version, String description) {
        checkDescription(description);
        return store.inTransaction(connection -> {
            ModelVersion before = RegistryRows.requireVersion(connection, requireName(name), version);
            update(connection, "UPDATE model_version SET description = ?, last_update_time = ? WHERE name = ? AND version = ?",
                    emptyToNull(description), clock.millis(), name, version);
            audit.record(connection, name, version, "update version", "description", before.description(), description);
            return RegistryRows.requireVersion(connection, name, version);
        });
    }

    /**
     * Moves a version to a stage; with {@code archiveExisting} the other versions in that stage (Staging or
     * Production only, as in MLflow) move to Archived.
     */
    public ModelVersion transitionStage(String name, int version, Stage stage, boolean archiveExisting) {
        return store.inTransaction(connection -> {
            ModelVersion before = RegistryRows.requireVersion(connection, requireName(name), version);
            long now = clock.millis();
            if (archiveExisting && (stage == Stage.STAGING || stage == Stage.PRODUCTION)) {
                for (Integer other : list(connection, "SELECT version FROM model_version WHERE name = ? AND current_stage = ? "
                        + "AND version <> ?", row -> row.getInt(1), name, stage.label(), version)) {
                    update(connection, "UPDATE model_version SET current_stage = ?, last_update_time = ? "
                            + "WHERE name = ? AND version = ?", Stage.ARCHIVED.label(), now, name, other);
                    audit.record(connection, name, other, "transition stage", "stage", stage.label(),
                            Stage.ARCHIVED.label());
                }
            }
            update(connection, "UPDATE model_version SET current_stage = ?, last_update_time = ? WHERE name = ? AND version = ?",
                    stage.label(), now, name, version);
            update(connection, "UPDATE registered_model SET last_update_time = ? WHERE name = ?", now, name);
            audit.record(connection, name, version, "transition stage", "stage", before.stage().label(), stage.label());
            return RegistryRows.requireVersion(connection, name, version);
        });
    }

    /** Deletes a version; its number is never given again. Its aliases go with it. */
    public void deleteVersion(String name, int version) {
        store.inTransaction(connection -> {
            RegistryRows.requireVersion(connection, requireName(name), version);
            update(connection, "DELETE FROM model_version WHERE name = ? AND version = ?", name, version);
            audit.record(connection, name, version, "delete version", null, Integer.toString(version), null);
            return null;
        });
    }

    /** The newest version in each of {@code stages} (all stages when empty). */
    public List<ModelVersion> latestVersions(String name, List<Stage> stages) {
        return store.read(connection -> {
            RegistryRows.requireModel(connection, requireName(name));
            return RegistryRows.latestVersions(connection, name, stages);
        });
    }

    public Page<ModelVersion> searchVersions(String filter, int maxResults, List<String> orderBy, String pageToken) {
        int limit = pageSize(maxResults, 1000, 200_000);
        long offset = PageToken.offset(pageToken);
        RegistryQuery.Sql sql = RegistryQuery.versions(filter, orderBy, limit + 1, offset);
        return store.read(connection -> {
            List<Object[]> keys = list(connection, sql.text(), row -> new Object[] {row.getString(1), row.getInt(2)},
                    sql.parameters().toArray());
            List<ModelVersion> versions = new ArrayList<>();
            for (Object[] key : keys.subList(0, Math.min(limit, keys.size()))) {
                versions.add(RegistryRows.requireVersion(connection, (String) key[0], (Integer) key[1]));
            }
            return new Page<>(versions, keys.size() > limit ? PageToken.of(offset + limit) : null);
        });
    }

    /** The version whose file has this SHA-256 under this model, if one exists. */
    public java.util.Optional<ModelVersion> versionWithFile(String name, String sha256) {
        return store.read(connection -> first(connection, "SELECT " + RegistryRows.VERSION_COLUMNS
                + " FROM model_version WHERE name = ? AND file_sha256 = ? ORDER BY version LIMIT 1",
                row -> RegistryRows.version(connection, row), name, sha256));
    }

    public void setVersionTag(String name, int version, String key, String value) {
        checkTag(key, value);
        store.inTransaction(connection -> {
            ModelVersion before = RegistryRows.requireVersion(connection, requireName(name), version);
            update(connection, "MERGE INTO model_version_tag (name, version, tag_key, tag_value) KEY (name, version, tag_key) "
                    + "VALUES (?, ?, ?, ?)", name, version, key, value);
            audit.record(connection, name, version, "set tag", key, before.tags().get(key), value);
            return null;
        });
    }

    public void deleteVersionTag(String name, int version, String key) {
        store.inTransaction(connection -> {
            ModelVersion before = RegistryRows.requireVersion(connection, requireName(name), version);
            if (update(connection, "DELETE FROM model_version_tag WHERE name = ? AND version = ? AND tag_key = ?",
                    name, version, key) == 0) {
                throw TrackingException.notFound("No tag with name: " + key + " in Model Version (name=" + name
                        + ", version=" + version + ")");
            }
            audit.record(connection, name, version, "delete tag", key, before.tags().get(key), null);
            return null;
        });
    }

    // ---- aliases ----

    /** Points an alias such as {@code champion} at a version, moving it if it pointed elsewhere. */
    public void setAlias(String name, String alias, int version) {
        checkAlias(alias);
        store.inTransaction(connection -> {
            RegistryRows.requireVersion(connection, requireName(name), version);
            Integer before = RegistryRows.aliases(connection, name).get(alias);
            update(connection, "MERGE INTO registered_model_alias (name, alias, version) KEY (name, alias) VALUES (?, ?, ?)",
                    name, alias, version);
            audit.record(connection, name, version, "set alias", alias, before == null ? null : "version " + before,
                    "version " + version);
            return null;
        });
    }

    public void deleteAlias(String name, String alias) {
        store.inTransaction(connection -> {
            RegistryRows.requireModel(connection, requireName(name));
            Integer before = RegistryRows.aliases(connection, name).get(alias);
            if (before == null) {
                throw TrackingException.notFound("Registered model alias " + alias + " not found.");
            }
            update(connection, "DELETE FROM registered_model_alias WHERE name = ? AND alias = ?", name, alias);
            audit.record(connection, name, before, "delete alias", alias, "version " + before, null);
            return null;
        });
    }

    public ModelVersion versionByAlias(String name, String alias) {
        return store.read(connection -> {
            RegistryRows.requireModel(connection, requireName(name));
            Integer version = RegistryRows.aliases(connection, name).get(alias);
            if (version == null) {
                throw TrackingException.notFound("Registered model alias " + alias + " not found.");
            }
            return RegistryRows.requireVersion(connection, name, version);
        });
    }

    /** The audit trail of one model, newest first. */
    public List<AuditEntry> auditTrail(String name) {
        return audit.entries(name);
    }

    // ---- validation ----

    private static String requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw TrackingException.invalid("Missing value for required parameter 'name'.");
        }
        return name;
    }

    private static void checkName(String name) {
        requireName(name);
        TrackingLimits.checkText("Registered model name", name);
        if (name.length() > MAX_NAME) {
            throw TrackingException.invalid("Registered model name '" + name.substring(0, 40) + "...' exceeds the limit of "
                    + MAX_NAME + " characters");
        }
        if (name.contains("/") || name.contains(":")) {
            // As MLflow 3's _validate_model_name: both would break models:/<name>/<version> URIs.
            throw TrackingException.invalid("Invalid name: '" + name + "'. Registered model names cannot contain '/' "
                    + "or ':'.");
        }
    }

    private static void checkDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw TrackingException.invalid("The description exceeds the limit of " + MAX_DESCRIPTION + " characters");
        }
    }

    private static void checkTag(String key, String value) {
        TrackingLimits.checkKey("tag", key);
        TrackingLimits.checkValue("Tag value", key, value, TrackingLimits.MAX_REGISTRY_TAG_VALUE_LENGTH);
    }

    private static void checkAlias(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw TrackingException.invalid("Missing value for required parameter 'alias'.");
        }
        if (alias.length() > 255 || !ALIAS.matcher(alias).matches()) {
            throw TrackingException.invalid("Invalid alias name: '" + alias + "'. Aliases may only contain alphanumerics, "
                    + "underscores and dashes, and must be at most 255 characters long.");
        }
        if (RESERVED_ALIAS.matcher(alias).matches()) {
            throw TrackingException.invalid("Invalid alias name: '" + alias + "'. Aliases 'latest' and 'v<number>' "
                    + "are reserved.");
        }
    }

    private static int pageSize(int maxResults, int fallback, int maximum) {
        if (maxResults <= 0) {
            return fallback;
        }
        if (maxResults > maximum) {
            throw TrackingException.invalid("Invalid value for max_results: it must be at most " + maximum
                    + ", but got value " + maxResults);
        }
        return maxResults;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
