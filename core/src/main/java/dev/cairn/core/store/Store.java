package dev.cairn.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The relational store behind a workspace: a small pool of JDBC connections to one H2 database,
 * with helpers that turn {@link SQLException} into a {@link StoreException} a user can act on.
 */
public final class Store implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 8;

    private final String url;
    private final JdbcConnectionPool pool;
    private final GroupFlush durability = new GroupFlush();

    private Store(String url) {
        this.url = url;
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
    }

    /**
     * Opens (creating if needed) the embedded H2 database {@code <directory>/<name>.mv.db}.
     *
     * <p>AUTO_SERVER lets a second Cairn process (the GUI and a headless command, say) use the
     * same file: the first opener serves it over a loopback TCP port guarded by a random key kept
     * in the lock file, and the others connect to it, taking over if it exits. No process ever
     * writes the file while another holds it, so neither can corrupt it.
     */
    public static Store openEmbedded(Path directory, String name) {
        // LOCK_TIMEOUT: concurrent writers wait for each other's row locks instead of failing.
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve(name) + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        Store store = new Store(url);
        try (Connection probe = store.pool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            store.close();
            throw new StoreException(explainOpenFailure(directory.resolve(name + ".mv.db"), e), e);
        }
        return store;
    }

    /** The JDBC URL this store connects to. */
    public String url() {
        return url;
    }

    /** Runs {@code work} on a connection in auto-commit mode (for reads and single statements). */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("Database error: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction: all of it is stored, or none of it. When this returns, the
     * transaction is on disk and survives the process being killed.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                durability.awaitFlushed(connection);
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Database error: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.dispose();
    }

    private static String explainOpenFailure(Path file, SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 ->
                    "The database " + file + " is in use by another program that does not share it. "
                            + "Close that program, or start Cairn with another --home.";
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 ->
                    "The database " + file + " is damaged or not a Cairn database, so Cairn left it untouched. "
                            + "Restore it from a backup, or start Cairn with another --home.";
            case ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CREATION_FAILED_1 ->
                    "Cannot read or write the database " + file + ": " + firstLine(e.getMessage())
                            + ". Check the folder's permissions and free space.";
            default -> "Cannot open the database " + file + ": " + firstLine(e.getMessage());
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
