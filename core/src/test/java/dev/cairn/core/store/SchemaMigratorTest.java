package dev.cairn.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.settings.SettingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {

    @TempDir
    Path folder;

    @Test
    void newDatabaseGetsEveryMigrationOnce() {
        try (Store store = Store.openEmbedded(folder, "db")) {
            SchemaMigrator migrator = new SchemaMigrator(CairnSchema.MIGRATIONS);
            assertThat(migrator.migrate(store)).isEqualTo(CairnSchema.latestVersion());
            assertThat(migrator.migrate(store)).isEqualTo(CairnSchema.latestVersion());
            assertThat(historyRows(store)).isEqualTo(CairnSchema.MIGRATIONS.size());
        }
    }

    @Test
    void olderDatabaseIsMigratedAndKeepsItsData() {
        List<Migration> first = CairnSchema.MIGRATIONS.subList(0, 1);
        try (Store store = Store.openEmbedded(folder, "db")) {
            new SchemaMigrator(first).migrate(store);
            new SettingStore(store).put("kept", "yes");
        }
        try (Store store = Store.openEmbedded(folder, "db")) {
            assertThat(new SchemaMigrator(CairnSchema.MIGRATIONS).migrate(store)).isEqualTo(CairnSchema.latestVersion());
            assertThat(new SettingStore(store).get("kept")).contains("yes");
        }
    }

    @Test
    void databaseFromANewerCairnIsRefusedAndLeftUntouched() {
        try (Store store = Store.openEmbedded(folder, "db")) {
            new SchemaMigrator(CairnSchema.MIGRATIONS).migrate(store);
            new SettingStore(store).put("kept", "yes");
            store.read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.executeUpdate("INSERT INTO cairn_schema_history VALUES "
                            + "(999, 'from the future', CURRENT_TIMESTAMP, '99.0.0')");
                }
            });
        }
        try (Store store = Store.openEmbedded(folder, "db")) {
            assertThatThrownBy(() -> new SchemaMigrator(CairnSchema.MIGRATIONS).migrate(store))
                    .isInstanceOf(NewerSchemaException.class)
                    .hasMessageContaining("written by a newer Cairn")
                    .hasMessageContaining("schema version 999")
                    .hasMessageContaining("--home");
            assertThat(new SettingStore(store).get("kept")).contains("yes");
            assertThat(historyRows(store)).isEqualTo(CairnSchema.MIGRATIONS.size() + 1);
        }
    }

    @Test
    void failedMigrationIsRolledBackAndNotRecorded() {
        List<Migration> broken = List.of(new Migration(1, "broken", "/dev/cairn/core/store/broken-migration.sql"));
        try (Store store = Store.openEmbedded(folder, "db")) {
            assertThatThrownBy(() -> new SchemaMigrator(broken).migrate(store)).isInstanceOf(StoreException.class);
            assertThat(historyRows(store)).isZero();
        }
    }

    @Test
    void migrationsMustBeNumberedUpwards() {
        assertThatThrownBy(() -> new SchemaMigrator(List.of(new Migration(2, "two", "/x.sql"),
                new Migration(2, "again", "/y.sql")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaMigrator(List.of(new Migration(0, "zero", "/x.sql"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skippedNumberMergedLaterIsStillApplied() {
        List<Migration> all = CairnSchema.MIGRATIONS;
        Migration last = all.get(all.size() - 1);
        List<Migration> withoutOne = new java.util.ArrayList<>(all);
        // A migration in the middle, applied after a later one, as a migration merged from another branch is.
        Migration skipped = withoutOne.stream().filter(m -> m.description().equals("metric ranges")).findFirst().orElseThrow();
        withoutOne.remove(skipped);
        try (Store store = Store.openEmbedded(folder, "db")) {
            assertThat(new SchemaMigrator(withoutOne).migrate(store)).isEqualTo(last.version());
            assertThat(historyRows(store)).isEqualTo(all.size() - 1);
            assertThat(new SchemaMigrator(all).migrate(store)).isEqualTo(last.version());
            assertThat(historyRows(store)).isEqualTo(all.size());
            int current = store.read(SchemaMigrator::currentVersion);
            assertThat(current).isEqualTo(last.version());
        }

    }

    @Test
    void everyScriptInTheMigrationFolderIsListed() throws IOException {
        Path scripts = Path.of("src/main/resources/dev/cairn/core/store/migration");
        try (Stream<Path> files = Files.list(scripts)) {
            List<String> onDisk = files.map(file -> "/dev/cairn/core/store/migration/" + file.getFileName()).sorted().toList();
            assertThat(CairnSchema.MIGRATIONS).extracting(Migration::resource).containsExactlyInAnyOrderElementsOf(onDisk);
        }
        for (Migration migration : CairnSchema.MIGRATIONS) {
            assertThat(migration.resource()).contains("/V" + migration.version() + "__");
        }
    }

    private static int historyRows(Store store) {
        return store.read(connection -> {
            try (Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT COUNT(*) FROM cairn_schema_history")) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
