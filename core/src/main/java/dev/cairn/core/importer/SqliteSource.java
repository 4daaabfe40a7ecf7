package dev.cairn.core.importer;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.tracking.Dataset;
import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.ModelMetric;
import dev.cairn.core.tracking.ModelOutput;
import dev.cairn.core.tracking.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads MLflow's SQL store in SQLite ({@code mlflow.db}, the default since MLflow 3.10): the tables of
 * mlflow/store/tracking/dbmodels/models.py, opened read-only.
 */
final class SqliteSource implements MlflowSource {

    private final Connection connection;
    private final ArtifactLocator artifacts;
    private final List<String> notImported = new ArrayList<>();
    /** The store's tables, read once (each run asks whether MLflow 3's are there). */
    private java.util.Set<String> tables;

    /** @param artifactsRoot where the store's artifacts are, when its URIs name another machine's folders; or null */
    SqliteSource(Path file, Path artifactsRoot) {
        this.artifacts = new ArtifactLocator(file.toAbsolutePath().getParent(), artifactsRoot);
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM experiments")) {
                rows.next();
            }
        } catch (SQLException e) {
            throw new CairnException(file + " is not an MLflow SQLite database (" + e.getMessage() + ").", e);
        }
    }

    /** Whether {@code file} starts with SQLite's header. */
    static boolean looksLikeSqlite(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(16), StandardCharsets.US_ASCII).startsWith("SQLite format 3");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<SourceExperiment> experiments() {
        List<SourceExperiment> experiments = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT experiment_id, name, artifact_location, lifecycle_stage, "
                     + "creation_time, last_update_time FROM experiments ORDER BY experiment_id")) {
            while (rows.next()) {
                String id = rows.getString(1);
                String stage = rows.getString(4);
                experiments.add(new SourceExperiment(id, rows.getString(2), orEmpty(rows.getString(3)),
                        stage == null ? LifecycleStage.ACTIVE : LifecycleStage.fromWire(stage), rows.getLong(5),
                        rows.getLong(6), keyValues("SELECT key, value FROM experiment_tags WHERE experiment_id = ?", id)));
            }
            noteTraces();
        } catch (SQLException e) {
            throw failure(e);
        }
        return experiments;
    }

    @Override
    public List<SourceRun> runs(SourceExperiment experiment) {
        List<SourceRun> runs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT run_uuid, name, user_id, status, start_time, "
                + "end_time, lifecycle_stage, artifact_uri, deleted_time FROM runs WHERE experiment_id = ? ORDER BY start_time")) {
            select.setString(1, experiment.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String stage = rows.getString(7);
                    runs.add(new SourceRun(rows.getString(1), experiment.id(), rows.getString(2), rows.getString(3),
                            rows.getString(4) == null ? RunStatus.RUNNING : RunStatus.parse(rows.getString(4)),
                            nullableLong(rows, 5), nullableLong(rows, 6),
                            stage == null ? LifecycleStage.ACTIVE : LifecycleStage.fromWire(stage), orEmpty(rows.getString(8)),
                            nullableLong(rows, 9)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return runs;
    }

    @Override
    public RunContent content(SourceRun run) {
        try {
            List<Metric> metrics = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? ORDER BY key, timestamp, step")) {
                select.setString(1, run.runId());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        metrics.add(new Metric(rows.getString(1), value(rows.getDouble(2), rows.getBoolean(5)),
                                rows.getLong(3), rows.getLong(4)));
                    }
                }
            }
            List<String> modelInputs = new ArrayList<>();
            List<ModelOutput> modelOutputs = new ArrayList<>();
            if (hasTable("logged_models")) {
                try (PreparedStatement select = connection.prepareStatement("SELECT destination_type, destination_id, "
                        + "step FROM inputs WHERE source_id = ? AND ((source_type = 'RUN_INPUT' AND destination_type = "
                        + "'MODEL_INPUT') OR (source_type = 'RUN_OUTPUT' AND destination_type = 'MODEL_OUTPUT'))")) {
                    select.setString(1, run.runId());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            if (rows.getString(1).equals("MODEL_INPUT")) {
                                modelInputs.add(rows.getString(2));
                            } else {
                                modelOutputs.add(new ModelOutput(rows.getString(2), rows.getLong(3)));
                            }
                        }
                    }
                }
            }
            return new RunContent(keyValues("SELECT key, value FROM params WHERE run_uuid = ?", run.runId()),
                    keyValues("SELECT key, value FROM tags WHERE run_uuid = ?", run.runId()), metrics, inputs(run),
                    modelInputs, modelOutputs, artifacts.find(run.artifactUri()), new ArrayList<>());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** MLflow 3's GenAI traces are not imported; the summary says how many were left. */
    private void noteTraces() {
        if (!hasTable("trace_info")) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM trace_info")) {
            if (rows.next() && rows.getInt(1) > 0) {
                notImported.add(rows.getInt(1) + " traces (MLflow 3's GenAI traces; Cairn does not keep traces)");
            }
        } catch (SQLException e) {
            // a schema this does not know: say nothing rather than guess
        }
    }

    @Override
    public List<SourceLoggedModel> loggedModels(SourceExperiment experiment) {
        List<SourceLoggedModel> models = new ArrayList<>();
        if (!hasTable("logged_models")) {
            return models;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT model_id, name, model_type, source_run_id, "
                + "status, status_message, creation_timestamp_ms, last_updated_timestamp_ms, lifecycle_stage, "
                + "artifact_location FROM logged_models WHERE experiment_id = ? ORDER BY creation_timestamp_ms")) {
            select.setString(1, experiment.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    String stage = rows.getString(9);
                    List<ModelMetric> metrics = new ArrayList<>();
                    try (PreparedStatement points = connection.prepareStatement("SELECT metric_name, metric_value, "
                            + "metric_timestamp_ms, metric_step, run_id, dataset_name, dataset_digest FROM "
                            + "logged_model_metrics WHERE model_id = ? ORDER BY metric_name, metric_step, "
                            + "metric_timestamp_ms")) {
                        points.setString(1, id);
                        try (ResultSet point = points.executeQuery()) {
                            while (point.next()) {
                                double value = point.getDouble(2);
                                metrics.add(new ModelMetric(id, new Metric(point.getString(1),
                                        point.wasNull() ? Double.NaN : value(value, false), point.getLong(3),
                                        point.getLong(4)), point.getString(6), point.getString(7), point.getString(5)));
                            }
                        }
                    }
                    String location = orEmpty(rows.getString(10));
                    models.add(new SourceLoggedModel(id, rows.getString(2), rows.getString(3), rows.getString(4),
                            SourceLoggedModel.statusName(rows.getInt(5)), rows.getString(6), rows.getLong(7),
                            rows.getLong(8), stage == null ? LifecycleStage.ACTIVE : LifecycleStage.fromWire(stage),
                            keyValues("SELECT tag_key, tag_value FROM logged_model_tags WHERE model_id = ?", id),
                            keyValues("SELECT param_key, param_value FROM logged_model_params WHERE model_id = ?", id),
                            metrics, location, artifacts.find(location)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return models;
    }

    @Override
    public List<SourceRegisteredModel> registeredModels() {
        List<SourceRegisteredModel> models = new ArrayList<>();
        if (!hasTable("registered_models")) {
            return models;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, " + column("registered_models", "description")
                     + ", " + column("registered_models", "creation_time") + ", "
                     + column("registered_models", "last_updated_time") + " FROM registered_models ORDER BY name")) {
            while (rows.next()) {
                String name = rows.getString(1);
                Map<String, Integer> aliases = new TreeMap<>();
                if (hasTable("registered_model_aliases")) {
                    keyValues("SELECT alias, version FROM registered_model_aliases WHERE name = ?", name)
                            .forEach((alias, version) -> aliases.put(alias, Integer.parseInt(version)));
                }
                models.add(new SourceRegisteredModel(name, rows.getString(2), rows.getLong(3),
                        nullableLong(rows, 4) == null ? rows.getLong(3) : rows.getLong(4),
                        hasTable("registered_model_tags")
                                ? keyValues("SELECT key, value FROM registered_model_tags WHERE name = ?", name)
                                : Map.of(), aliases, hasTable("model_versions") ? versions(name) : List.of()));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return models;
    }

    private List<SourceRegisteredModel.Version> versions(String name) throws SQLException {
        boolean mlflow3 = hasColumn("model_versions", "storage_location");
        List<SourceRegisteredModel.Version> versions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT version, description, source, run_id, "
                + "run_link, current_stage, status, status_message, user_id, creation_time, last_updated_time"
                + (mlflow3 ? ", storage_location" : "") + " FROM model_versions WHERE name = ? AND current_stage != "
                + "'Deleted_Internal' ORDER BY version")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int version = rows.getInt(1);
                    String source = rows.getString(3);
                    Map<String, String> tags = new TreeMap<>();
                    try (PreparedStatement tagRows = connection.prepareStatement(
                            "SELECT key, value FROM model_version_tags WHERE name = ? AND version = ?")) {
                        tagRows.setString(1, name);
                        tagRows.setInt(2, version);
                        try (ResultSet tag = tagRows.executeQuery()) {
                            while (tag.next()) {
                                tags.put(tag.getString(1), orEmpty(tag.getString(2)));
                            }
                        }
                    }
                    versions.add(new SourceRegisteredModel.Version(version, rows.getString(2), source,
                            rows.getString(4), rows.getString(5), orEmpty(rows.getString(6)).isEmpty() ? "None"
                            : rows.getString(6), rows.getString(7) == null ? "READY" : rows.getString(7),
                            rows.getString(8), rows.getString(9), rows.getLong(10),
                            nullableLong(rows, 11) == null ? rows.getLong(10) : rows.getLong(11), tags,
                            mlflow3 ? rows.getString(12) : null, modelIdOf(source)));
                }
            }
        }
        return versions;
    }

    /** MLflow 3 registers a logged model with the source {@code models:/<model_id>} (and keeps no model_id column). */
    private static String modelIdOf(String source) {
        return source != null && source.startsWith("models:/m-") && source.indexOf('/', 8) < 0
                ? source.substring("models:/".length()) : null;
    }

    /** Whether the store has {@code table}: older MLflow versions lack the registry's and MLflow 3's tables. */
    private boolean hasTable(String table) {
        if (tables == null) {
            tables = new java.util.HashSet<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }
        return tables.contains(table);
    }

    /** The column, or NULL in its place where an older schema lacks it. */
    private String column(String table, String column) throws SQLException {
        return hasColumn(table, column) ? column : "NULL";
    }

    private boolean hasColumn(String table, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rows.next()) {
                if (column.equals(rows.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<String> notImported() {
        return notImported;
    }

    @Override
    public List<String> artifactsNotFound() {
        return MissingArtifacts.summarize(artifacts.missing());
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // read-only: nothing to lose
        }
    }

    private List<DatasetInput> inputs(SourceRun run) throws SQLException {
        List<DatasetInput> inputs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT i.input_uuid, d.name, d.digest, "
                + "d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile FROM inputs i "
                + "JOIN datasets d ON d.dataset_uuid = i.source_id WHERE i.destination_id = ? AND i.destination_type = 'RUN'"
                + " AND i.source_type = 'DATASET'")) {
            select.setString(1, run.runId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    inputs.add(new DatasetInput(new Dataset(rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7)),
                            keyValues("SELECT name, value FROM input_tags WHERE input_uuid = ?", rows.getString(1))));
                }
            }
        }
        return inputs;
    }

    private Map<String, String> keyValues(String sql, String id) throws SQLException {
        Map<String, String> values = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return new LinkedHashMap<>(values);
    }

    /** MLflow's SQL store keeps NaN as 0 with is_nan set, and infinities as the largest doubles. */
    private static double value(double stored, boolean isNan) {
        if (isNan) {
            return Double.NaN;
        }
        if (stored == Double.MAX_VALUE) {
            return Double.POSITIVE_INFINITY;
        }
        return stored == -Double.MAX_VALUE ? Double.NEGATIVE_INFINITY : stored;
    }

    private static Long nullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static CairnException failure(SQLException e) {
        return new CairnException("Cannot read the MLflow database: " + e.getMessage(), e);
    }
}
