package dev.cairn.core.drift;

import static dev.cairn.core.store.Jdbc.first;

import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Keeps each drift comparison's verdict (and the whole report as JSON) in the workspace's database. */
public final class DriftReportStore {

    private static final String COLUMNS = "id, created_at, reference_name, reference_sha256, current_name, "
            + "current_sha256, column_count, drifted_columns, drift_share, dataset_drift";

    private final Store store;
    private final Clock clock;

    public DriftReportStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A stored comparison's verdict; the report itself stays in the table as JSON. */
    public record StoredDriftReport(long id, long createdAtMillis, String referenceName, String referenceSha256,
            String currentName, String currentSha256, int columns, int driftedColumns, double driftShare,
            boolean datasetDrift) {
    }

    /** Records a finished comparison; returns it with its id. */
    public StoredDriftReport save(DriftReport report) {
        long now = clock.millis();
        String json = DriftReportJson.write(report);
        long id = store.inTransaction(connection -> first(connection, "SELECT id FROM FINAL TABLE (INSERT INTO "
                + "drift_report (created_at, reference_name, reference_sha256, current_name, current_sha256, "
                + "column_count, drifted_columns, drift_share, dataset_drift, report_json) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?))", row -> row.getLong(1), now, report.reference().name(),
                report.reference().sha256(), report.current().name(), report.current().sha256(),
                report.columns().size(), report.driftedColumns(), report.driftShare(), report.datasetDrift(), json))
                .orElseThrow();
        return new StoredDriftReport(id, now, report.reference().name(), report.reference().sha256(),
                report.current().name(), report.current().sha256(), report.columns().size(), report.driftedColumns(),
                report.driftShare(), report.datasetDrift());
    }

    /** The newest {@code limit} comparisons, newest first. */
    public List<StoredDriftReport> latest(int limit) {
        return store.read(connection -> Jdbc.list(connection, "SELECT " + COLUMNS
                + " FROM drift_report ORDER BY id DESC LIMIT ?", DriftReportStore::map, limit));
    }

    /** The report's JSON, as {@code cairn drift --json} prints it. */
    public String json(long id) {
        return store.read(connection -> first(connection, "SELECT report_json FROM drift_report WHERE id = ?",
                row -> row.getString(1), id)).orElseThrow(() -> new DatasetException("There is no drift report " + id));
    }

    private static StoredDriftReport map(ResultSet row) throws SQLException {
        return new StoredDriftReport(row.getLong("id"), row.getLong("created_at"), row.getString("reference_name"),
                row.getString("reference_sha256"), row.getString("current_name"), row.getString("current_sha256"),
                row.getInt("column_count"), row.getInt("drifted_columns"), row.getDouble("drift_share"),
                row.getBoolean("dataset_drift"));
    }
}
