package dev.cairn.core.monitoring;

import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps drift alerts, each window's once, so that analysing again tells the user only about new ones. */
public final class DriftAlertStore {

    private static final String COLUMNS = "source, reference_sha256, windowing, window_key, window_start, window_end, "
            + "reason, raised_at";

    private final Store store;

    public DriftAlertStore(Store store) {
        this.store = store;
    }

    /** Records the alerts not recorded before (same source, reference, windowing and window) and returns those. */
    public List<DriftAlert> recordNew(List<DriftAlert> alerts) {
        return store.inTransaction(connection -> {
            List<DriftAlert> added = new ArrayList<>();
            for (DriftAlert alert : alerts) {
                boolean known = Jdbc.first(connection, "SELECT 1 FROM monitor_alert WHERE source = ? AND "
                        + "reference_sha256 = ? AND windowing = ? AND window_key = ?", row -> true, alert.source(),
                        alert.referenceSha256(), alert.windowing(), alert.windowKey()).isPresent();
                if (!known) {
                    Jdbc.update(connection, "INSERT INTO monitor_alert (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            alert.source(), alert.referenceSha256(), alert.windowing(), alert.windowKey(),
                            alert.windowStart().toEpochMilli(), alert.windowEnd().toEpochMilli(), alert.reason(),
                            alert.raisedAt().toEpochMilli());
                    added.add(alert);
                }
            }
            return added;
        });
    }

    /** Alerts of {@code source}, newest window first. */
    public List<DriftAlert> list(String source) {
        return store.read(connection -> Jdbc.list(connection, "SELECT " + COLUMNS + " FROM monitor_alert WHERE "
                + "source = ? ORDER BY window_start DESC, id DESC", DriftAlertStore::map, source));
    }

    private static DriftAlert map(ResultSet row) throws SQLException {
        return new DriftAlert(row.getString("source"), row.getString("reference_sha256"), row.getString("windowing"),
                row.getString("window_key"), Instant.ofEpochMilli(row.getLong("window_start")),
                Instant.ofEpochMilli(row.getLong("window_end")), row.getString("reason"),
                Instant.ofEpochMilli(row.getLong("raised_at")));
    }
}
