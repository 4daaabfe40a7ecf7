package dev.cairn.core.tracking;

import dev.cairn.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    public boolean runExists(String runId) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM run WHERE run_id = ?")) {
                select.setString(1, runId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    /** Inserts a run and everything logged into it, in one transaction. */
    public void insertRun(RunInfo info, Long deletedTime, Map<String, String> params, Map<String, String> tags,
                          List<Metric> metrics, List<DatasetInput> inputs) {
        store.inTransaction(connection -> {
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
            return null;
        });
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
