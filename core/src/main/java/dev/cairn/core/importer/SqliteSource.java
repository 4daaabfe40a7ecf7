package dev.cairn.core.importer;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.tracking.Dataset;
import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.LifecycleStage;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
    private final List<String> notImported = new ArrayList<>();

    SqliteSource(Path file) {
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
            noteRegistry();
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
            return new RunContent(keyValues("SELECT key, value FROM params WHERE run_uuid = ?", run.runId()),
                    keyValues("SELECT key, value FROM tags WHERE run_uuid = ?", run.runId()), metrics, inputs(run),
                    artifactDir(run.artifactUri()));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public List<String> notImported() {
        return notImported;
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
                + "JOIN datasets d ON d.dataset_uuid = i.source_id WHERE i.destination_id = ? AND i.destination_type = 'RUN'")) {
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

    private void noteRegistry() {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM registered_models")) {
            if (rows.next() && rows.getInt(1) > 0) {
                notImported.add(rows.getInt(1) + " registered models: the model registry is not imported yet "
                        + "(Cairn's registry arrives with the model registry feature)");
            }
        } catch (SQLException e) {
            // an older store without the registry tables
        }
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

    private static Path artifactDir(String uri) {
        if (uri.startsWith("file:")) {
            try {
                Path local = Path.of(URI.create(uri));
                return Files.isDirectory(local) ? local : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return uri.startsWith("/") && Files.isDirectory(Path.of(uri)) ? Path.of(uri) : null;
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
