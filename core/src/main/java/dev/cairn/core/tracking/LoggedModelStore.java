package dev.cairn.core.tracking;

import dev.cairn.core.store.Store;
import dev.cairn.core.tracking.search.LoggedModelSearch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** MLflow 3's logged models: create, finalize, read, search by experiment, tags and params, delete. */
public final class LoggedModelStore {

    private static final Set<String> STATUSES = Set.of("LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY",
            "LOGGED_MODEL_UPLOAD_FAILED");
    private static final String COLUMNS = "model_id, experiment_id, name, model_type, source_run_id, status, "
            + "status_message, artifact_uri, creator_id, creation_time, last_update_time";

    /** What MLflow's _validate_logged_model_name refuses in a name. */
    private static final java.util.regex.Pattern NAME_FORBIDDEN = java.util.regex.Pattern.compile("[/:.%\"']");

    private final Store store;
    private final Clock clock;

    public LoggedModelStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Creates a PENDING model in an active experiment; a null name gets a generated one. */
    public LoggedModel create(String experimentId, String name, String modelType, String sourceRunId,
                              Map<String, String> params, Map<String, String> tags) {
        params.forEach((key, value) -> {
            TrackingLimits.checkKey("param", key);
            TrackingLimits.checkValue("Param value", key, value, TrackingLimits.MAX_PARAM_VALUE_LENGTH);
        });
        tags.forEach((key, value) -> {
            TrackingLimits.checkKey("tag", key);
            TrackingLimits.checkValue("Tag value", key, value, TrackingLimits.MAX_TAG_VALUE_LENGTH);
        });
        if (name != null && !name.isEmpty() && NAME_FORBIDDEN.matcher(name).find()) {
            throw TrackingException.invalid("Invalid logged model name '" + name + "': it may not contain '/', ':', "
                    + "'.', '%', '\"' or \"'\"");
        }
        if (name != null && name.length() > 500) {
            throw TrackingException.invalid("Logged model name has length " + name.length()
                    + ", which exceeds the limit of 500");
        }
        String modelId = "m-" + UUID.randomUUID().toString().replace("-", "");
        return store.inTransaction(connection -> {
            Experiment experiment = ExperimentStore.requireActive(connection, experimentId);
            if (sourceRunId != null && !sourceRunId.isEmpty()) {
                RunRows.requireInfo(connection, sourceRunId);
            }
            long now = clock.millis();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO logged_model (" + COLUMNS
                    + ", lifecycle_stage) VALUES (?, ?, ?, ?, ?, 'LOGGED_MODEL_PENDING', NULL, ?, NULL, ?, ?, 'active')")) {
                insert.setString(1, modelId);
                insert.setString(2, experimentId);
                insert.setString(3, name == null || name.isEmpty() ? "model-" + modelId.substring(2, 10) : name);
                insert.setString(4, modelType);
                insert.setString(5, sourceRunId == null || sourceRunId.isEmpty() ? null : sourceRunId);
                insert.setString(6, experiment.artifactLocation() + "/models/" + modelId + "/artifacts");
                insert.setLong(7, now);
                insert.setLong(8, now);
                insert.executeUpdate();
            }
            upsert(connection, "logged_model_param", "param_key", "param_value", modelId, params);
            upsert(connection, "logged_model_tag", "tag_key", "tag_value", modelId, tags);
            return require(connection, modelId);
        });
    }

    public LoggedModel get(String modelId) {
        return store.read(connection -> require(connection, modelId));
    }

    /** Sets the final status (READY or UPLOAD_FAILED). */
    public LoggedModel finalizeModel(String modelId, String status) {
        if (status == null || !STATUSES.contains(status)) {
            throw TrackingException.invalid("Invalid logged model status '" + status + "': expected one of " + STATUSES);
        }
        return store.inTransaction(connection -> {
            require(connection, modelId);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE logged_model SET status = ?, last_update_time = ? WHERE model_id = ?")) {
                update.setString(1, status);
                update.setLong(2, clock.millis());
                update.setString(3, modelId);
                update.executeUpdate();
            }
            return require(connection, modelId);
        });
    }

    public void setTags(String modelId, Map<String, String> tags) {
        tags.forEach((key, value) -> {
            TrackingLimits.checkKey("tag", key);
            TrackingLimits.checkValue("Tag value", key, value, TrackingLimits.MAX_TAG_VALUE_LENGTH);
        });
        store.inTransaction(connection -> {
            require(connection, modelId);
            upsert(connection, "logged_model_tag", "tag_key", "tag_value", modelId, tags);
            return null;
        });
    }

    public void deleteTag(String modelId, String key) {
        store.inTransaction(connection -> {
            require(connection, modelId);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM logged_model_tag WHERE model_id = ? AND tag_key = ?")) {
                delete.setString(1, modelId);
                delete.setString(2, key);
                if (delete.executeUpdate() == 0) {
                    throw TrackingException.notFound("No tag with key '" + key + "' on logged model " + modelId);
                }
            }
            return null;
        });
    }

    /** Logs params; like a run's they are write-once. */
    public void logParams(String modelId, Map<String, String> params) {
        store.inTransaction(connection -> {
            LoggedModel model = require(connection, modelId);
            for (Map.Entry<String, String> param : params.entrySet()) {
                TrackingLimits.checkKey("param", param.getKey());
                String old = model.params().get(param.getKey());
                if (old != null && !old.equals(param.getValue())) {
                    throw TrackingException.invalid("Changing param values is not allowed. Param with key='"
                            + param.getKey() + "' was already logged with value='" + old + "' for logged model " + modelId);
                }
            }
            upsert(connection, "logged_model_param", "param_key", "param_value", modelId, params);
            return null;
        });
    }

    /** Soft-deletes a model: it no longer appears in searches or gets. */
    public void delete(String modelId) {
        store.inTransaction(connection -> {
            require(connection, modelId);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE logged_model SET lifecycle_stage = 'deleted', last_update_time = ? WHERE model_id = ?")) {
                update.setLong(1, clock.millis());
                update.setString(2, modelId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * MLflow 3's SearchLoggedModels: the active models of the experiments that {@code filter} and {@code datasets}
     * keep, in {@code order}, paged ({@code maxResults} null means MLflow's default of 50). A page token only
     * continues the search that made it.
     */
    public Page<LoggedModel> search(List<String> experimentIds, String filter, List<LoggedModelSearch.DatasetFilter> datasets,
                                    List<LoggedModelSearch.Order> order, Integer maxResults, String pageToken) {
        int limit = TrackingLimits.pageSize(maxResults, 50, 1000);
        if (experimentIds.isEmpty()) {
            throw TrackingException.invalid("Missing value for required parameter 'experiment_ids'");
        }
        String query = SearchToken.query(experimentIds, filter, datasets, order);
        long offset = SearchToken.offset(pageToken, query);
        java.util.function.Predicate<LoggedModel> keep = LoggedModelSearch.filter(filter, datasets);
        java.util.Comparator<LoggedModel> sorted = LoggedModelSearch.order(order);
        return store.read(connection -> {
            List<LoggedModel> matching = new ArrayList<>();
            for (String id : modelIds(connection, experimentIds)) {
                LoggedModel model = require(connection, id);
                if (keep.test(model)) {
                    matching.add(model);
                }
            }
            matching.sort(sorted);
            int from = (int) Math.min(offset, matching.size());
            int to = (int) Math.min((long) from + limit, matching.size());
            return new Page<>(matching.subList(from, to), to < matching.size() ? SearchToken.of(query, to) : null);
        });
    }

    private static List<String> modelIds(Connection connection, List<String> experimentIds) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT model_id FROM logged_model WHERE "
                + "lifecycle_stage = 'active' AND experiment_id IN (" + String.join(", ",
                Collections.nCopies(experimentIds.size(), "?")) + ")")) {
            int i = 1;
            for (String id : experimentIds) {
                select.setString(i++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static LoggedModel require(Connection connection, String modelId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM logged_model WHERE model_id = ? AND lifecycle_stage = 'active'")) {
            select.setString(1, modelId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw TrackingException.notFound("Logged model with ID '" + modelId + "' not found");
                }
                return new LoggedModel(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                        row.getLong(10), row.getLong(11),
                        pairs(connection, "SELECT tag_key, tag_value FROM logged_model_tag WHERE model_id = ?", modelId),
                        pairs(connection, "SELECT param_key, param_value FROM logged_model_param WHERE model_id = ?", modelId),
                        ModelLinks.metrics(connection, modelId));
            }
        }
    }

    private static Map<String, String> pairs(Connection connection, String sql, String modelId) throws SQLException {
        Map<String, String> values = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, modelId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return values;
    }

    private static void upsert(Connection connection, String table, String keyColumn, String valueColumn, String modelId,
                               Map<String, String> values) throws SQLException {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO " + table + " (model_id, " + keyColumn
                    + ", " + valueColumn + ") KEY (model_id, " + keyColumn + ") VALUES (?, ?, ?)")) {
                merge.setString(1, modelId);
                merge.setString(2, entry.getKey());
                merge.setString(3, entry.getValue());
                merge.executeUpdate();
            }
        }
    }
}
