package dev.cairn.core.drift;

import static dev.cairn.core.store.Jdbc.first;

import dev.cairn.core.store.Jdbc;
import dev.cairn.core.store.Store;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Keeps registered datasets in the workspace's database: one numbered version per distinct content of a name, so
 * registering the same bytes again finds the version already there.
 */
public final class DatasetStore {

    private static final String COLUMNS = "id, name, version, sha256, file, row_count, column_count, schema_text, created_at";

    private final Store store;
    private final Clock clock;

    public DatasetStore(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What {@link #register} did: the version, and whether it was there already (same name, same SHA-256). */
    public record Registration(StoredDataset dataset, boolean alreadyRegistered) {
    }

    /** Registers {@code dataset}, read from {@code file}, as the next version of {@code name} unless its bytes are known. */
    public Registration register(String name, Dataset dataset, Path file) {
        if (name == null || name.isBlank()) {
            throw new DatasetException("A dataset needs a name");
        }
        return store.inTransaction(connection -> {
            Optional<StoredDataset> existing = first(connection, "SELECT " + COLUMNS
                    + " FROM drift_dataset WHERE name = ? AND sha256 = ?", DatasetStore::map, name, dataset.sha256());
            if (existing.isPresent()) {
                return new Registration(existing.get(), true);
            }
            int version = first(connection, "SELECT COALESCE(MAX(version), 0) + 1 FROM drift_dataset WHERE name = ?",
                    row -> row.getInt(1), name).orElseThrow();
            long now = clock.millis();
            long id = first(connection, "SELECT id FROM FINAL TABLE (INSERT INTO drift_dataset (name, version, sha256, file, "
                    + "row_count, column_count, schema_text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?))",
                    row -> row.getLong(1), name, version, dataset.sha256(), file.toAbsolutePath().toString(),
                    dataset.rows(), dataset.columns().size(), dataset.schema(), now).orElseThrow();
            return new Registration(new StoredDataset(id, name, version, dataset.sha256(),
                    file.toAbsolutePath().toString(), dataset.rows(), dataset.columns().size(), dataset.schema(), now),
                    false);
        });
    }

    /** Every registered version, by name then newest version first. */
    public List<StoredDataset> list() {
        return store.read(connection -> Jdbc.list(connection, "SELECT " + COLUMNS
                + " FROM drift_dataset ORDER BY name, version DESC", DatasetStore::map));
    }

    /** Versions of any name holding exactly these bytes. */
    public List<StoredDataset> findBySha256(String sha256) {
        return store.read(connection -> Jdbc.list(connection, "SELECT " + COLUMNS
                + " FROM drift_dataset WHERE sha256 = ? ORDER BY name, version", DatasetStore::map, sha256));
    }

    private static StoredDataset map(ResultSet row) throws SQLException {
        return new StoredDataset(row.getLong("id"), row.getString("name"), row.getInt("version"),
                row.getString("sha256"), row.getString("file"), row.getLong("row_count"), row.getInt("column_count"),
                row.getString("schema_text"), row.getLong("created_at"));
    }
}
