package dev.cairn.core.store;

import dev.cairn.runtime.CairnVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store's schema up to date by applying, in order, each migration not yet recorded in
 * {@code cairn_schema_history}, one transaction per migration. Versions must rise but may skip a number, and a
 * skipped one applied later still runs: branches developed side by side each claim a number, and a workspace
 * migrated by one branch still gets the other's migration once both are merged.
 * See docs/decisions/0002-schema-migrations.md for why this is not Flyway.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private static final String HISTORY_TABLE = """
            CREATE TABLE IF NOT EXISTS cairn_schema_history (
                version     INT PRIMARY KEY,
                description VARCHAR(200) NOT NULL,
                applied_at  TIMESTAMP WITH TIME ZONE NOT NULL,
                applied_by  VARCHAR(100) NOT NULL
            )""";

    private final List<Migration> migrations;

    public SchemaMigrator(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() <= (i == 0 ? 0 : this.migrations.get(i - 1).version())) {
                throw new IllegalArgumentException("Migrations must be numbered upwards from 1: " + this.migrations);
            }
        }
    }

    /**
     * Applies the missing migrations and returns the schema version the store is now at.
     *
     * @throws NewerSchemaException if the store was written by a newer Cairn; nothing is changed then
     */
    public int migrate(Store store) {
        int latest = migrations.get(migrations.size() - 1).version();
        Set<Integer> applied = new HashSet<>();
        int current = store.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(HISTORY_TABLE);
                try (ResultSet rows = statement.executeQuery("SELECT version FROM cairn_schema_history")) {
                    while (rows.next()) {
                        applied.add(rows.getInt(1));
                    }
                }
            }
            return currentVersion(connection);
        });
        if (current > latest) {
            throw new NewerSchemaException("This data directory was written by a newer Cairn (schema version "
                    + current + "; Cairn " + CairnVersion.current() + " knows up to " + latest
                    + "). Cairn left it untouched: upgrade Cairn, or start it with another --home.");
        }
        for (Migration migration : migrations) {
            if (!applied.contains(migration.version())) {
                apply(store, migration);
            }
        }
        return latest;
    }

    /** The schema version recorded in the store, 0 for a new one. */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM cairn_schema_history")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Store store, Migration migration) {
        String sql = readScript(migration.resource());
        store.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO cairn_schema_history VALUES (?, ?, CURRENT_TIMESTAMP, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.description());
                insert.setString(3, CairnVersion.current());
                insert.executeUpdate();
            }
            return null;
        });
        LOG.info("Applied schema migration {} ({})", migration.version(), migration.description());
    }

    private static String readScript(String resource) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Migration script missing from the build: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
