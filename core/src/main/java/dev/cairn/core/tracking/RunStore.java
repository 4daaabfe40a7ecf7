package dev.cairn.core.tracking;

import dev.cairn.core.store.Store;
import dev.cairn.core.tracking.search.FilterParser;
import dev.cairn.core.tracking.search.OrderKey;
import dev.cairn.core.tracking.search.RunQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs: create, read, update, soft-delete and restore, and search with MLflow's filter grammar. */
public final class RunStore {

    /** The tag that holds a run's name. */
    public static final String RUN_NAME_TAG = "mlflow.runName";
    /** The tag that holds the user who started a run. */
    public static final String USER_TAG = "mlflow.user";

    private final Store store;
    private final Clock clock;

    public RunStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Creates a RUNNING run in an active experiment, in one transaction: a failed create stores nothing,
     * so a client's retry cannot leave a duplicate behind.
     *
     * @param runName null to take the {@code mlflow.runName} tag or a random name
     * @param startTime epoch milliseconds, or null for now
     */
    public Run create(String experimentId, String userId, String runName, Long startTime, Map<String, String> tags) {
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        allTags.forEach((key, value) -> {
            TrackingLimits.checkKey("tag", key);
            TrackingLimits.checkValue("tag", key, value, TrackingLimits.MAX_TAG_VALUE_LENGTH);
        });
        String taggedName = allTags.get(RUN_NAME_TAG);
        if (runName != null && !runName.isEmpty() && taggedName != null && !taggedName.equals(runName)) {
            throw TrackingException.invalid("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with "
                    + "different values (run_name='" + runName + "', mlflow.runName='" + taggedName + "').");
        }
        String name = runName != null && !runName.isEmpty() ? runName : taggedName != null ? taggedName : RunNames.random();
        TrackingLimits.checkRunName(name);
        allTags.put(RUN_NAME_TAG, name);
        String user = userId != null && !userId.isEmpty() ? userId : allTags.get(USER_TAG);
        TrackingLimits.checkValue("user_id", "user_id", user == null ? "" : user, TrackingLimits.MAX_USER_ID_LENGTH);
        String runId = UUID.randomUUID().toString().replace("-", "");
        return store.inTransaction(connection -> {
            Experiment experiment = ExperimentStore.requireActive(connection, experimentId);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run (" + RunRows.INFO_COLUMNS
                    + ") VALUES (?, ?, ?, ?, 'RUNNING', ?, NULL, ?, 'active')")) {
                insert.setString(1, runId);
                insert.setString(2, name);
                insert.setString(3, experimentId);
                insert.setString(4, user);
                insert.setLong(5, startTime != null ? startTime : clock.millis());
                insert.setString(6, experiment.artifactLocation() + "/" + runId + "/artifacts");
                insert.executeUpdate();
            }
            for (Map.Entry<String, String> tag : allTags.entrySet()) {
                RunLog.upsertTag(connection, runId, tag.getKey(), tag.getValue());
            }
            return RunRows.load(connection, List.of(runId)).get(0);
        });
    }

    /** The run with its latest metrics, params, tags and inputs; NOT_FOUND if unknown. */
    public Run get(String runId) {
        return store.read(connection -> {
            RunRows.requireInfo(connection, runId);
            return RunRows.load(connection, List.of(runId)).get(0);
        });
    }

    /**
     * Updates status, end time and name; null leaves a field as it is.
     *
     * @return the run's info after the update
     */
    public RunInfo update(String runId, RunStatus status, Long endTime, String runName) {
        if (runName != null && !runName.isEmpty()) {
            TrackingLimits.checkRunName(runName);
        }
        return store.inTransaction(connection -> {
            RunInfo info = RunRows.requireActive(connection, runId);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE run SET status = ?, end_time = ?, run_name = ? WHERE run_id = ?")) {
                update.setString(1, (status != null ? status : info.status()).name());
                update.setObject(2, endTime != null ? endTime : info.endTime());
                update.setString(3, runName != null && !runName.isEmpty() ? runName : info.runName());
                update.setString(4, runId);
                update.executeUpdate();
            }
            if (runName != null && !runName.isEmpty()) {
                RunLog.upsertTag(connection, runId, RUN_NAME_TAG, runName);
            }
            return RunRows.requireInfo(connection, runId);
        });
    }

    /**
     * The datasets the runs of these experiments used (distinct by experiment, name, digest and the input's
     * {@code mlflow.data.context} tag), at most 1,000, as MLflow's SearchDatasets lists them.
     */
    public List<DatasetSummary> datasetSummaries(List<String> experimentIds) {
        return store.read(connection -> {
            List<DatasetSummary> summaries = new java.util.ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT d.experiment_id, d.name, "
                    + "d.digest, t.tag_value FROM dataset d JOIN run_input i ON i.dataset_id = d.dataset_id "
                    + "LEFT JOIN run_input_tag t ON t.run_id = i.run_id AND t.dataset_id = i.dataset_id AND "
                    + "t.tag_key = 'mlflow.data.context' WHERE d.experiment_id = ANY(?) "
                    + "ORDER BY d.experiment_id, d.name, d.digest, t.tag_value LIMIT 1000")) {
                select.setArray(1, connection.createArrayOf("VARCHAR", experimentIds.toArray()));
                try (java.sql.ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        summaries.add(new DatasetSummary(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4)));
                    }
                }
            }
            return summaries;
        });
    }

    /** Soft-deletes a run; it can be restored. */
    public void delete(String runId) {
        setLifecycle(runId, LifecycleStage.DELETED);
    }

    public void restore(String runId) {
        setLifecycle(runId, LifecycleStage.ACTIVE);
    }

    /**
     * Searches runs of the given experiments. Filtering, ordering and paging all happen in SQL.
     *
     * @param orderBy entries such as {@code metrics.rmse DESC}; default start time, newest first
     */
    public Page<Run> search(List<String> experimentIds, String filter, ViewType view, Integer maxResults,
                            List<String> orderBy, String pageToken) {
        int limit = TrackingLimits.pageSize(maxResults, TrackingLimits.DEFAULT_RESULTS_RUNS, TrackingLimits.MAX_RESULTS_RUNS);
        long offset = PageToken.offset(pageToken);
        if (experimentIds == null || experimentIds.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<OrderKey> order = new ArrayList<>();
        for (String entry : orderBy == null ? List.<String>of() : orderBy) {
            order.add(FilterParser.parseOrderBy(entry));
        }
        RunQuery.Sql sql = RunQuery.build(experimentIds, FilterParser.parseFilter(filter), order,
                view.condition("r.lifecycle_stage"), limit + 1, offset);
        return store.read(connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.text())) {
                for (int i = 0; i < sql.parameters().size(); i++) {
                    select.setObject(i + 1, sql.parameters().get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            boolean more = ids.size() > limit;
            List<Run> runs = RunRows.load(connection, more ? ids.subList(0, limit) : ids);
            return new Page<>(runs, more ? PageToken.of(offset + limit) : null);
        });
    }

    private void setLifecycle(String runId, LifecycleStage stage) {
        store.inTransaction(connection -> {
            RunRows.requireInfo(connection, runId);
            update(connection, runId, stage, stage == LifecycleStage.DELETED ? clock.millis() : null);
            return null;
        });
    }

    private static void update(Connection connection, String runId, LifecycleStage stage, Long deletedTime)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE run SET lifecycle_stage = ?, deleted_time = ? WHERE run_id = ?")) {
            update.setString(1, stage.wireName());
            update.setObject(2, deletedTime);
            update.setString(3, runId);
            update.executeUpdate();
        }
    }
}
