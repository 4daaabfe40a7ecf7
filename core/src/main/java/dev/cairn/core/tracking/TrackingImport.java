package dev.cairn.core.tracking;

import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes experiments and runs brought in from another store, keeping their ids where they are free.
 * Each run goes in whole, in one transaction, or not at all; a run already present is left as it is,
 * which makes importing the same store twice add nothing.
 */
public final class TrackingImport {

    /** The local id an imported experiment ended up with, and whether it was created now. */
    public record ExperimentMatch(String localId, boolean created) {
    }

    private static final int METRIC_CHUNK = 1000;

    private final Store store;

    public TrackingImport(Store store) {
        this.store = store;
    }

    /** Finds the experiment by name, or creates it (keeping its id if free). */
    public ExperimentMatch ensureExperiment(Experiment source) {
        return store.inTransaction(connection -> {
            try (PreparedStatement byName = connection.prepareStatement("SELECT experiment_id FROM experiment WHERE name = ?")) {
                byName.setString(1, source.name());
                try (ResultSet row = byName.executeQuery()) {
                    if (row.next()) {
                        return new ExperimentMatch(row.getString(1), false);
                    }
                }
            }
            String id = idIsFree(connection, source.experimentId()) ? source.experimentId() : ExperimentStore.nextId(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO experiment (experiment_id, name, "
                    + "artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, source.name());
                insert.setString(3, ArtifactStore.SCHEME + "/" + id);
                insert.setString(4, source.lifecycleStage().wireName());
                insert.setLong(5, source.creationTime());
                insert.setLong(6, source.lastUpdateTime());
                insert.executeUpdate();
            }
            for (Map.Entry<String, String> tag : source.tags().entrySet()) {
                ExperimentStore.upsertTag(connection, id, tag.getKey(), tag.getValue());
            }
            return new ExperimentMatch(id, true);
        });
    }

    /** The tag an imported run carries while parts of it could not be read; the next import imports it again. */
    public static final String INCOMPLETE_TAG = "cairn.import.incomplete";

    /** Whether a run is here, and whether it was imported whole. */
    public enum RunPresence { ABSENT, COMPLETE, INCOMPLETE }

    public RunPresence runPresence(String runId) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT (SELECT COUNT(*) FROM run_tag t WHERE "
                    + "t.run_id = r.run_id AND t.tag_key = ?) FROM run r WHERE r.run_id = ?")) {
                select.setString(1, INCOMPLETE_TAG);
                select.setString(2, runId);
                try (ResultSet row = select.executeQuery()) {
                    return !row.next() ? RunPresence.ABSENT : row.getInt(1) > 0 ? RunPresence.INCOMPLETE
                            : RunPresence.COMPLETE;
                }
            }
        });
    }

    /**
     * Replaces an incompletely imported run with what the store holds now, in one transaction: the old copy goes
     * only if the new one goes in.
     */
    public void replaceRun(RunInfo info, Long deletedTime, Map<String, String> params, Map<String, String> tags,
                           List<Metric> metrics, List<DatasetInput> inputs, List<String> modelInputs,
                           List<ModelOutput> modelOutputs) {
        store.inTransaction(connection -> {
            try (PreparedStatement chunks = connection.prepareStatement("DELETE FROM metric_chunk WHERE run_id = ?");
                 PreparedStatement run = connection.prepareStatement("DELETE FROM run WHERE run_id = ?")) {
                chunks.setString(1, info.runId());
                chunks.executeUpdate();
                run.setString(1, info.runId());
                run.executeUpdate();
            }
            insert(connection, info, deletedTime, params, tags, metrics, inputs, modelInputs, modelOutputs);
            return null;
        });
    }

    public boolean loggedModelExists(String modelId) {
        return store.read(connection -> Jdbc.first(connection, "SELECT 1 FROM logged_model WHERE model_id = ?",
                row -> true, modelId).isPresent());
    }

    /** Inserts an MLflow 3 logged model with its tags, params and metric points, keeping its id. */
    public void insertLoggedModel(LoggedModel model, LifecycleStage stage) {
        store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO logged_model (model_id, "
                    + "experiment_id, name, model_type, source_run_id, status, status_message, artifact_uri, creator_id, "
                    + "creation_time, last_update_time, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)")) {
                insert.setString(1, model.modelId());
                insert.setString(2, model.experimentId());
                insert.setString(3, model.name());
                insert.setString(4, model.modelType());
                insert.setString(5, model.sourceRunId());
                insert.setString(6, model.status());
                insert.setString(7, model.statusMessage());
                insert.setString(8, model.artifactUri());
                insert.setLong(9, model.creationTime());
                insert.setLong(10, model.lastUpdateTime());
                insert.setString(11, stage.wireName());
                insert.executeUpdate();
            }
            insertPairs(connection, "INSERT INTO logged_model_tag (model_id, tag_key, tag_value) VALUES (?, ?, ?)",
                    model.modelId(), model.tags());
            insertPairs(connection, "INSERT INTO logged_model_param (model_id, param_key, param_value) VALUES (?, ?, ?)",
                    model.modelId(), model.params());
            ModelLinks.insertModelMetrics(connection, model.metrics());
            return null;
        });
    }

    public boolean runExists(String runId) {
        return store.read(connection -> Jdbc.first(connection, "SELECT 1 FROM run WHERE run_id = ?", row -> true,
                runId).isPresent());
    }

    /** Inserts a run and everything logged into it, in one transaction. */
    public void insertRun(RunInfo info, Long deletedTime, Map<String, String> params, Map<String, String> tags,
                          List<Metric> metrics, List<DatasetInput> inputs) {
        insertRun(info, deletedTime, params, tags, metrics, inputs, List.of(), List.of());
    }

    /**
     * As above, with MLflow 3's links to logged models (which must be imported first; links to models that are not
     * here are left out).
     */
    public void insertRun(RunInfo info, Long deletedTime, Map<String, String> params, Map<String, String> tags,
                          List<Metric> metrics, List<DatasetInput> inputs, List<String> modelInputs,
                          List<ModelOutput> modelOutputs) {
        store.inTransaction(connection -> {
            insert(connection, info, deletedTime, params, tags, metrics, inputs, modelInputs, modelOutputs);
            return null;
        });
    }

    private static void insert(Connection connection, RunInfo info, Long deletedTime, Map<String, String> params,
                               Map<String, String> tags, List<Metric> metrics, List<DatasetInput> inputs,
                               List<String> modelInputs, List<ModelOutput> modelOutputs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run (" + RunRows.INFO_COLUMNS
                + ", deleted_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, info.runId());
            insert.setString(2, info.runName());
            insert.setString(3, info.experimentId());
            insert.setString(4, info.userId());
            insert.setString(5, info.status().name());
            insert.setObject(6, info.startTime());
            insert.setObject(7, info.endTime());
            insert.setString(8, info.artifactUri());
            insert.setString(9, info.lifecycleStage().wireName());
            insert.setObject(10, deletedTime);
            insert.executeUpdate();
        }
        insertPairs(connection, "INSERT INTO param (run_id, param_key, param_value) VALUES (?, ?, ?)", info.runId(), params);
        insertPairs(connection, "INSERT INTO run_tag (run_id, tag_key, tag_value) VALUES (?, ?, ?)", info.runId(), tags);
        for (int from = 0; from < metrics.size(); from += METRIC_CHUNK) {
            RunLog.appendMetrics(connection, info.runId(), metrics.subList(from, Math.min(metrics.size(), from + METRIC_CHUNK)));
        }
        RunLog.linkInputs(connection, info.runId(), info.experimentId(), inputs);
        // Links only to the models imported with it: one the store names but lacks is left out.
        List<String> usedModels = new ArrayList<>();
        for (String modelId : modelInputs) {
            if (modelPresent(connection, modelId)) {
                usedModels.add(modelId);
            }
        }
        ModelLinks.linkModelInputs(connection, info.runId(), usedModels);
        List<ModelOutput> producedModels = new ArrayList<>();
        for (ModelOutput output : modelOutputs) {
            if (modelPresent(connection, output.modelId())) {
                producedModels.add(output);
            }
        }
        ModelLinks.linkModelOutputs(connection, info.runId(), producedModels);
    }

    private static boolean modelPresent(Connection connection, String modelId) throws SQLException {
        return Jdbc.first(connection, "SELECT 1 FROM logged_model WHERE model_id = ? AND lifecycle_stage = 'active'",
                row -> true, modelId).isPresent();
    }

    private static void insertPairs(Connection connection, String sql, String runId, Map<String, String> values)
            throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Map.Entry<String, String> entry : values.entrySet()) {
                insert.setString(1, runId);
                insert.setString(2, entry.getKey());
                insert.setString(3, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static boolean idIsFree(Connection connection, String id) throws SQLException {
        if (id == null || !id.matches("[a-zA-Z0-9][\\w\\-]{0,63}")) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM experiment WHERE experiment_id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return !row.next();
            }
        }
    }
}
