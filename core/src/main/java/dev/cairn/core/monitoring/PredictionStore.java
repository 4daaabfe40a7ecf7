package dev.cairn.core.monitoring;

import static dev.cairn.core.store.Jdbc.first;

import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Keeps pulled predictions per source in the workspace's database, each line once. */
public final class PredictionStore {

    private static final String SOURCE_COLUMNS = "s.name, s.url, s.deployment_id, s.last_time, s.last_pulled_at, "
            + "s.created_at, (SELECT COUNT(*) FROM monitor_prediction p WHERE p.source = s.name) AS predictions";
    private static final String PREDICTION_COLUMNS = "time_ms, request_id, model, version, endpoint, latency_ms, "
            + "inputs_json, outputs_json, line_sha256";

    private final Store store;
    private final Clock clock;

    public PredictionStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The source named {@code name}, created with this URL when new; an existing one gets the URL given now. */
    public MonitoredSource source(String name, String url, Long deploymentId) {
        if (name == null || name.isBlank()) {
            throw new MonitoringException("A monitored source needs a name");
        }
        store.inTransaction(connection -> {
            int updated = Jdbc.update(connection, "UPDATE monitor_source SET url = ?, deployment_id = COALESCE(?, "
                    + "deployment_id) WHERE name = ?", url, deploymentId, name);
            if (updated == 0) {
                Jdbc.update(connection, "INSERT INTO monitor_source (name, url, deployment_id, created_at) "
                        + "VALUES (?, ?, ?, ?)", name, url, deploymentId, clock.millis());
            }
            return null;
        });
        return find(name).orElseThrow();
    }

    public Optional<MonitoredSource> find(String name) {
        return store.read(connection -> first(connection, "SELECT " + SOURCE_COLUMNS
                + " FROM monitor_source s WHERE s.name = ?", PredictionStore::mapSource, name));
    }

    /** Every source, by name. */
    public List<MonitoredSource> sources() {
        return store.read(connection -> Jdbc.list(connection, "SELECT " + SOURCE_COLUMNS
                + " FROM monitor_source s ORDER BY s.name", PredictionStore::mapSource));
    }

    /**
     * Stores the predictions of {@code source} not stored before (recognised by their line's SHA-256), moves its
     * last time forward and records the pull; all in one transaction. Returns how many were new.
     */
    public int add(String source, List<LoggedPrediction> predictions) {
        return store.inTransaction(connection -> {
            Set<String> known = knownLines(connection, source, predictions);
            int added = 0;
            long lastTime = Long.MIN_VALUE;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO monitor_prediction (source, "
                    + PREDICTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (LoggedPrediction prediction : predictions) {
                    lastTime = Math.max(lastTime, prediction.time().toEpochMilli());
                    if (known.add(prediction.lineSha256())) {
                        bind(insert, source, prediction);
                        insert.addBatch();
                        added++;
                    }
                }
                if (added > 0) {
                    insert.executeBatch();
                }
            }
            Jdbc.update(connection, "UPDATE monitor_source SET last_pulled_at = ?, last_time = CASE WHEN last_time "
                    + "IS NULL OR last_time < ? THEN ? ELSE last_time END WHERE name = ?", clock.millis(),
                    predictions.isEmpty() ? null : lastTime, predictions.isEmpty() ? null : lastTime, source);
            return added;
        });
    }

    /** The stored predictions of {@code source}, oldest first (in pull order within a millisecond). */
    public List<LoggedPrediction> predictions(String source) {
        return store.read(connection -> Jdbc.list(connection, "SELECT " + PREDICTION_COLUMNS
                + " FROM monitor_prediction WHERE source = ? ORDER BY time_ms, id", PredictionStore::mapPrediction,
                source));
    }

    /** Lines of this batch already stored: only those within its time span can be, so only those are read. */
    private static Set<String> knownLines(Connection connection, String source, List<LoggedPrediction> predictions)
            throws SQLException {
        if (predictions.isEmpty()) {
            return new HashSet<>();
        }
        long from = predictions.stream().mapToLong(p -> p.time().toEpochMilli()).min().orElseThrow();
        long to = predictions.stream().mapToLong(p -> p.time().toEpochMilli()).max().orElseThrow();
        return new HashSet<>(Jdbc.list(connection, "SELECT line_sha256 FROM monitor_prediction WHERE source = ? "
                + "AND time_ms BETWEEN ? AND ?", row -> row.getString(1), source, from, to));
    }

    private static void bind(PreparedStatement insert, String source, LoggedPrediction prediction)
            throws SQLException {
        insert.setString(1, source);
        insert.setLong(2, prediction.time().toEpochMilli());
        insert.setString(3, prediction.requestId());
        insert.setString(4, prediction.model());
        insert.setString(5, prediction.version());
        insert.setString(6, prediction.endpoint());
        if (Double.isNaN(prediction.latencyMs())) {
            insert.setNull(7, Types.DOUBLE);
        } else {
            insert.setDouble(7, prediction.latencyMs());
        }
        insert.setString(8, prediction.inputsJson());
        insert.setString(9, prediction.outputsJson());
        insert.setString(10, prediction.lineSha256());
    }

    private static MonitoredSource mapSource(ResultSet row) throws SQLException {
        return new MonitoredSource(row.getString("name"), row.getString("url"), row.getObject("deployment_id",
                Long.class), instant(row.getObject("last_time", Long.class)),
                instant(row.getObject("last_pulled_at", Long.class)), row.getLong("predictions"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }

    private static LoggedPrediction mapPrediction(ResultSet row) throws SQLException {
        Double latency = row.getObject("latency_ms", Double.class);
        return new LoggedPrediction(Instant.ofEpochMilli(row.getLong("time_ms")), row.getString("request_id"),
                row.getString("model"), row.getString("version"), row.getString("endpoint"),
                latency == null ? Double.NaN : latency, row.getString("inputs_json"), row.getString("outputs_json"),
                row.getString("line_sha256"));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
