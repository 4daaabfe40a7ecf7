package dev.cairn.core.tracking;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads runs from the tables: one query per kind of data for a whole page of runs, never one per run. */
final class RunRows {

    static final String INFO_COLUMNS =
            "run_id, run_name, experiment_id, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage";

    private RunRows() {
    }

    static RunInfo info(ResultSet row) throws SQLException {
        return new RunInfo(row.getString("run_id"), row.getString("run_name"), row.getString("experiment_id"),
                row.getString("user_id"), RunStatus.valueOf(row.getString("status")),
                nullableLong(row, "start_time"), nullableLong(row, "end_time"),
                row.getString("artifact_uri"), LifecycleStage.fromWire(row.getString("lifecycle_stage")));
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** The run's info, or NOT_FOUND. */
    static RunInfo requireInfo(Connection connection, String runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + INFO_COLUMNS + " FROM run WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw TrackingException.notFound("Run with id=" + runId + " not found");
                }
                return info(row);
            }
        }
    }

    /** The run's info, or an error unless it is active (logging to a deleted run is refused). */
    static RunInfo requireActive(Connection connection, String runId) throws SQLException {
        RunInfo info = requireInfo(connection, runId);
        if (info.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw TrackingException.invalid("The run " + runId + " must be in the 'active' state. "
                    + "Current state is deleted.");
        }
        return info;
    }

    /** Loads full runs for the given ids, in the given order. */
    static List<Run> load(Connection connection, List<String> runIds) throws SQLException {
        if (runIds.isEmpty()) {
            return List.of();
        }
        Array ids = connection.createArrayOf("VARCHAR", runIds.toArray());
        Map<String, RunInfo> infos = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + INFO_COLUMNS + " FROM run WHERE run_id = ANY(?)")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RunInfo info = info(rows);
                    infos.put(info.runId(), info);
                }
            }
        }
        Map<String, List<Metric>> metrics = new HashMap<>();
        Map<String, Map<String, MetricRange>> ranges = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT run_id, metric_key, metric_value, ts, "
                + "step, min_value, min_step, max_value, max_step FROM latest_metric WHERE run_id = ANY(?) "
                + "ORDER BY metric_key")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String runId = rows.getString(1);
                    String key = rows.getString(2);
                    metrics.computeIfAbsent(runId, k -> new ArrayList<>()).add(
                            new Metric(key, rows.getDouble(3), rows.getLong(4), rows.getLong(5)));
                    MetricRange range = range(rows, 6);
                    ranges.computeIfAbsent(runId, k -> new TreeMap<>()).put(key, range != null ? range
                            : rangeFromPoints(connection, runId, key));
                }
            }
        }
        Map<String, Map<String, String>> params = keyValues(connection, ids, "param", "param_key", "param_value");
        Map<String, Map<String, String>> tags = keyValues(connection, ids, "run_tag", "tag_key", "tag_value");
        Map<String, List<DatasetInput>> inputs = inputs(connection, ids);
        Map<String, List<String>> modelInputs = new HashMap<>();
        Map<String, List<ModelOutput>> modelOutputs = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT run_id, model_id FROM run_model_input WHERE run_id = ANY(?) ORDER BY model_id")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    modelInputs.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT run_id, model_id, step FROM run_model_output WHERE run_id = ANY(?) ORDER BY step, model_id")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    modelOutputs.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                            .add(new ModelOutput(rows.getString(2), rows.getLong(3)));
                }
            }
        }
        List<Run> runs = new ArrayList<>(runIds.size());
        for (String runId : runIds) {
            RunInfo info = infos.get(runId);
            if (info != null) {
                runs.add(new Run(info, metrics.getOrDefault(runId, List.of()), ranges.getOrDefault(runId, Map.of()),
                        params.getOrDefault(runId, Map.of()), tags.getOrDefault(runId, Map.of()),
                        inputs.getOrDefault(runId, List.of()), modelInputs.getOrDefault(runId, List.of()),
                        modelOutputs.getOrDefault(runId, List.of())));
            }
        }
        return runs;
    }

    /** The range in four columns from {@code first} (min, its step, max, its step); null where not kept yet. */
    static MetricRange range(ResultSet row, int first) throws SQLException {
        double min = row.getDouble(first);
        if (row.wasNull()) {
            return null;
        }
        return new MetricRange(min, row.getLong(first + 1), row.getDouble(first + 2), row.getLong(first + 3));
    }

    /** The range of every stored point of one metric: for rows written before ranges were kept. */
    static MetricRange rangeFromPoints(Connection connection, String runId, String key) throws SQLException {
        MetricRange range = MetricRange.EMPTY;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT point_count, points FROM metric_chunk WHERE run_id = ? AND metric_key = ?")) {
            select.setString(1, runId);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int count = rows.getInt(1);
                    long[] steps = new long[count];
                    double[] values = new double[count];
                    MetricChunk.decodeInto(rows.getBytes(2), count, 0, steps, new long[count], values, 0, count);
                    range = range.merge(MetricRange.of(steps, values, count));
                }
            }
        }
        return range;
    }

    private static Map<String, Map<String, String>> keyValues(Connection connection, Array ids, String table,
                                                             String keyColumn, String valueColumn) throws SQLException {
        Map<String, Map<String, String>> values = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT run_id, " + keyColumn + ", " + valueColumn
                + " FROM " + table + " WHERE run_id = ANY(?)")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.computeIfAbsent(rows.getString(1), k -> new TreeMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
        return values;
    }

    private static Map<String, List<DatasetInput>> inputs(Connection connection, Array ids) throws SQLException {
        Map<String, Map<String, Map<String, String>>> tags = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT run_id, dataset_id, tag_key, tag_value FROM run_input_tag WHERE run_id = ANY(?)")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tags.computeIfAbsent(rows.getString(1), k -> new HashMap<>())
                            .computeIfAbsent(rows.getString(2), k -> new LinkedHashMap<>()).put(rows.getString(3), rows.getString(4));
                }
            }
        }
        Map<String, List<DatasetInput>> inputs = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT i.run_id, d.dataset_id, d.name, d.digest, d.source_type, d.source, d.dataset_schema, d.profile"
                        + " FROM run_input i JOIN dataset d ON d.dataset_id = i.dataset_id WHERE i.run_id = ANY(?)"
                        + " ORDER BY d.name, d.digest")) {
            select.setArray(1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String runId = rows.getString(1);
                    Dataset dataset = new Dataset(rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getString(6), rows.getString(7), rows.getString(8));
                    Map<String, String> inputTags = tags.getOrDefault(runId, Map.of()).getOrDefault(rows.getString(2), Map.of());
                    inputs.computeIfAbsent(runId, k -> new ArrayList<>()).add(new DatasetInput(dataset, inputTags));
                }
            }
        }
        return inputs;
    }
}
