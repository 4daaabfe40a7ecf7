package dev.cairn.core.registry;

import static dev.cairn.core.store.Jdbc.list;
import static dev.cairn.core.store.Jdbc.update;

import dev.cairn.core.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Writes and reads the registry's audit trail; entries are written inside the change's own transaction. */
final class RegistryAudit {

    private final Store store;
    private final Clock clock;
    private final String user;

    RegistryAudit(Store store, Clock clock, String user) {
        this.store = store;
        this.clock = clock;
        this.user = user;
    }

    void record(Connection connection, String name, Integer version, String action, String field, String before,
                String after) throws SQLException {
        update(connection, "INSERT INTO registry_audit (name, version, action, field, value_before, value_after, user_id, "
                + "change_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", name, version, action, field, before, after, user,
                clock.millis());
    }

    List<AuditEntry> entries(String name) {
        return store.read(connection -> list(connection, "SELECT id, name, version, action, field, value_before, "
                + "value_after, user_id, change_time FROM registry_audit WHERE name = ? ORDER BY id DESC", row -> {
                    int version = row.getInt("version");
                    Integer boxed = row.wasNull() ? null : version;
                    return new AuditEntry(row.getLong("id"), row.getString("name"), boxed, row.getString("action"),
                            row.getString("field"), row.getString("value_before"), row.getString("value_after"),
                            row.getString("user_id"), row.getLong("change_time"));
                }, name));
    }
}
