package dev.cairn.core.settings;

import dev.cairn.core.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Named string settings kept in the workspace database (theme, window geometry, and so on). */
public final class SettingStore {

    private final Store store;

    public SettingStore(Store store) {
        this.store = store;
    }

    /** The value stored under {@code name}, if any. */
    public Optional<String> get(String name) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT value_text FROM setting WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every setting whose name starts with {@code prefix}, by name. */
    public Map<String, String> getAll(String prefix) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, value_text FROM setting WHERE name LIKE ? ESCAPE '\\' ORDER BY name")) {
                select.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                Map<String, String> values = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        values.put(rows.getString(1), rows.getString(2));
                    }
                }
                return values;
            }
        });
    }

    /** Stores all of {@code values} in one transaction, replacing earlier values of the same names. */
    public void putAll(Map<String, String> values) {
        store.inTransaction(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO setting (name, value_text, updated_at) KEY (name) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                for (Map.Entry<String, String> entry : values.entrySet()) {
                    merge.setString(1, entry.getKey());
                    merge.setString(2, entry.getValue());
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            return null;
        });
    }

    /** Stores one setting. */
    public void put(String name, String value) {
        putAll(Map.of(name, value));
    }
}
