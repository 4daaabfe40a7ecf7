package dev.cairn.core.workspace;

import dev.cairn.core.drift.DatasetFiles;
import dev.cairn.core.drift.StatTest;
import dev.cairn.core.plugins.PluginLoader;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.core.store.CairnSchema;
import dev.cairn.core.store.SchemaMigrator;
import dev.cairn.core.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open data directory: the H2 database {@code cairn.mv.db} with its schema up to date, and the
 * {@code artifacts/}, {@code mlflow-artifacts/}, {@code plugins/} and {@code logs/} folders beside it.
 * Services are built from it.
 */
public final class Workspace implements AutoCloseable {

    /** The database file's name without H2's {@code .mv.db} suffix. */
    public static final String DATABASE_NAME = "cairn";

    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    private final Path home;
    private final Store store;
    private final int schemaVersion;
    private Plugins plugins;

    private Workspace(Path home, Store store, int schemaVersion) {
        this.home = home;
        this.store = store;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens the data directory {@code home}, creating it and its database if they do not exist and
     * migrating an older schema.
     *
     * @throws dev.cairn.core.error.CairnException with a message for the user when it cannot
     */
    public static Workspace open(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        for (Path folder : List.of(absolute, absolute.resolve("artifacts"), absolute.resolve("mlflow-artifacts"),
                absolute.resolve("plugins"), absolute.resolve("logs"))) {
            createFolder(folder);
        }
        Store store = Store.openEmbedded(absolute, DATABASE_NAME);
        try {
            int version = new SchemaMigrator(CairnSchema.MIGRATIONS).migrate(store);
            LOG.info("Opened workspace {} at schema version {}", absolute, version);
            return new Workspace(absolute, store, version);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path home() {
        return home;
    }

    public Path databaseFile() {
        return home.resolve(DATABASE_NAME + ".mv.db");
    }

    public Path artifactsDir() {
        return home.resolve("artifacts");
    }

    /** The file trees of runs' artifacts, served to MLflow clients as {@code mlflow-artifacts:/...}. */
    public Path runArtifactsDir() {
        return home.resolve("mlflow-artifacts");
    }

    public Path pluginsDir() {
        return pluginsDir(home);
    }

    /**
     * Loads the plugin jars of {@code folder}, keeping Cairn's own drift tests and dataset formats from being taken
     * over; for tools that read plugins without opening a workspace ({@code cairn drift --no-register}).
     */
    public static Plugins loadPlugins(Path folder) {
        Set<String> testIds = Arrays.stream(StatTest.values()).map(test -> test.id().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return PluginLoader.load(folder, new PluginLoader.BuiltIns(testIds, Set.copyOf(DatasetFiles.CSV_EXTENSIONS)));
    }

    /** The plugins folder of the data directory {@code home}, for tools that read plugins without the database. */
    public static Path pluginsDir(Path home) {
        return home.toAbsolutePath().normalize().resolve("plugins");
    }

    /**
     * The plugins folder's services, loaded on first use (a jar that fails is listed with its error, never thrown);
     * the same ones until the workspace closes, so a jar added later counts from the next start.
     */
    public synchronized Plugins plugins() {
        if (plugins == null) {
            plugins = loadPlugins(pluginsDir());
        }
        return plugins;
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Store store() {
        return store;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** Reads the facts the dashboard and {@code cairn info} show; touches disk and database. */
    public WorkspaceSummary summary() {
        Instant createdAt = store.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT applied_at FROM cairn_schema_history WHERE version = 1")) {
                return rows.next() ? rows.getObject(1, OffsetDateTime.class).toInstant() : null;
            }
        });
        long[] artifacts = countFiles(artifactsDir());
        return new WorkspaceSummary(home, databaseFile(), sizeOf(databaseFile()), schemaVersion, createdAt,
                artifacts[0], artifacts[1]);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (plugins != null) {
                plugins.close();
            }
        }
        store.close();
        LOG.info("Closed workspace {}", home);
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new WorkspaceException("Cannot create the data folder " + folder + " (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "). Choose a folder you can write to with --home or CAIRN_HOME.", e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Returns {file count, total bytes} of the regular files under {@code folder}. */
    private static long[] countFiles(Path folder) {
        long[] totals = new long[2];
        if (!Files.isDirectory(folder)) {
            return totals;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                totals[0]++;
                totals[1] += sizeOf(file);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return totals;
    }
}
