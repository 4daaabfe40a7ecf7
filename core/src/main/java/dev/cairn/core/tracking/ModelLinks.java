package dev.cairn.core.tracking;

import dev.cairn.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MLflow 3's links between runs and logged models: the models a run produced ({@code runs/outputs}) or used
 * ({@code runs/log-inputs} with {@code models}), and the metric points logged against a model.
 */
public final class ModelLinks {

    private final Store store;

    public ModelLinks(Store store) {
        this.store = store;
    }

    /** Records models the run produced; logging the same model again keeps its first step. */
    public void logOutputs(String runId, List<ModelOutput> outputs) {
        store.inTransaction(connection -> {
            RunRows.requireActive(connection, runId);
            linkModelOutputs(connection, runId, outputs);
            return null;
        });
    }

    /** Records models the run produced, inside the caller's transaction; a model linked already keeps its step. */
    static void linkModelOutputs(Connection connection, String runId, List<ModelOutput> outputs) throws SQLException {
        for (ModelOutput output : outputs) {
            requireModel(connection, output.modelId());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run_model_output (run_id, "
                    + "model_id, step) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM run_model_output WHERE "
                    + "run_id = ? AND model_id = ?)")) {
                insert.setString(1, runId);
                insert.setString(2, output.modelId());
                insert.setLong(3, output.step());
                insert.setString(4, runId);
                insert.setString(5, output.modelId());
                insert.executeUpdate();
            }
        }
    }

    /** Records models the run used (their ids), each once. */
    static void linkModelInputs(Connection connection, String runId, List<String> modelIds) throws SQLException {
        for (String modelId : modelIds) {
            requireModel(connection, modelId);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run_model_input (run_id, model_id) "
                    + "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM run_model_input WHERE run_id = ? AND model_id = ?)")) {
                insert.setString(1, runId);
                insert.setString(2, modelId);
                insert.setString(3, runId);
                insert.setString(4, modelId);
                insert.executeUpdate();
            }
        }
    }

    /** Appends points to their models, inside the caller's transaction (the run's own points are written there). */
    static void appendModelMetrics(Connection connection, List<ModelMetric> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        for (ModelMetric point : points) {
            requireModel(connection, point.modelId());
        }
        insertModelMetrics(connection, points);
    }

    /** Writes points of models known to be there (an import's, whatever their lifecycle). */
    static void insertModelMetrics(Connection connection, List<ModelMetric> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO logged_model_metric (model_id, "
                + "metric_key, metric_value, ts, step, run_id, dataset_name, dataset_digest) KEY (model_id, "
                + "metric_key, step, ts, run_id, dataset_name, dataset_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ModelMetric point : points) {
                merge.setString(1, point.modelId());
                merge.setString(2, point.metric().key());
                merge.setDouble(3, point.metric().value());
                merge.setLong(4, point.metric().timestamp());
                merge.setLong(5, point.metric().step());
                merge.setString(6, point.runId());
                merge.setString(7, point.datasetName() == null ? "" : point.datasetName());
                merge.setString(8, point.datasetDigest() == null ? "" : point.datasetDigest());
                merge.addBatch();
            }
            merge.executeBatch();
        }
    }

    /**
     * The metrics less those that name a logged model and repeat a point the run already has: MLflow 3's
     * {@code log_model} logs the run's metrics again with the new model's id, which adds the point to the model but
     * must not double it in the run's history (MLflow's SQL store drops it by its primary key).
     */
    static List<Metric> withoutRepeats(Connection connection, String runId, List<Metric> metrics,
                                               List<ModelMetric> modelMetrics) throws SQLException {
        if (modelMetrics.isEmpty()) {
            return metrics;
        }
        Map<String, Set<Metric>> logged = new HashMap<>();
        Set<Metric> repeats = new HashSet<>();
        for (ModelMetric point : modelMetrics) {
            Set<Metric> points = logged.get(point.metric().key());
            if (points == null) {
                points = new HashSet<>();
                MetricSeries series = RunLog.series(connection, runId, point.metric().key(), 0, Long.MAX_VALUE);
                for (int i = 0; i < series.size(); i++) {
                    points.add(new Metric(series.key(), series.values()[i], series.timestamps()[i], series.steps()[i]));
                }
                logged.put(point.metric().key(), points);
            }
            if (points.contains(point.metric())) {
                repeats.add(point.metric());
            }
        }
        if (repeats.isEmpty()) {
            return metrics;
        }
        List<Metric> kept = new ArrayList<>(metrics.size());
        for (Metric metric : metrics) {
            if (!repeats.contains(metric)) {
                kept.add(metric);
            }
        }
        return kept;
    }

    /** Every point logged against a model, by key, then step and time. */
    static List<ModelMetric> metrics(Connection connection, String modelId) throws SQLException {
        List<ModelMetric> metrics = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT metric_key, metric_value, ts, step, run_id, "
                + "dataset_name, dataset_digest FROM logged_model_metric WHERE model_id = ? ORDER BY metric_key, step, "
                + "ts, dataset_name, dataset_digest")) {
            select.setString(1, modelId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    metrics.add(new ModelMetric(modelId, new Metric(rows.getString(1), rows.getDouble(2),
                            rows.getLong(3), rows.getLong(4)), emptyToNull(rows.getString(6)),
                            emptyToNull(rows.getString(7)), rows.getString(5)));
                }
            }
        }
        return metrics;
    }

    private static void requireModel(Connection connection, String modelId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM logged_model WHERE model_id = ? AND lifecycle_stage = 'active'")) {
            select.setString(1, modelId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw TrackingException.notFound("Logged model with ID '" + modelId + "' not found.");
                }
            }
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
