package dev.cairn.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The relational store behind a workspace: a small pool of JDBC connections to one H2 database,
 * with helpers that turn {@link SQLException} into a {@link StoreException} a user can act on.
 */
public final class Store implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 8;
    private static final String USER = "SA";

    static {
        // AUTO_SERVER's port is for the other Cairn processes of this machine only, but H2 binds every interface
        // unless told otherwise. Read by H2 once, when its classes load: before any connection is made.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final String url;
    private final JdbcConnectionPool pool;
    private final GroupFlush durability = new GroupFlush();

    private Store(String url, String password) {
        this.url = url;
        this.pool = JdbcConnectionPool.create(url, USER, password);
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
        Path file = directory.resolve(name + ".mv.db");
        OwnerOnly.restrict(directory);
        String password;
        try {
            password = OwnerOnly.secret(directory);
        } catch (IOException e) {
            throw new StoreException("Cannot read or make the database password in " + directory + " ("
                    + e.getMessage() + "). Check the folder's permissions.", e);
        }
        Store store = new Store(url, password);
        try (Connection probe = store.pool.getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            store.close();
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD && Files.exists(file)) {
                return adoptPassword(url, file, password);
            }
            throw new StoreException(explainOpenFailure(file, e), e);
        }
        OwnerOnly.restrict(directory.resolve(name + ".lock.db"));
        return store;
    }

    /**
     * A database made before it had a password (user SA, empty password, as Cairn made them until schema 12): set
     * the password once, then open it as any other.
     */
    private static Store adoptPassword(String url, Path file, String password) {
        try (Connection legacy = DriverManager.getConnection(url, USER, "");
             PreparedStatement alter = legacy.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
            alter.setString(1, password);
            alter.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD
                    ? "The database " + file + " has another password than the one in " + file.resolveSibling(
                    OwnerOnly.SECRET_FILE) + " (was that file replaced?). Put the right one back, or start Cairn "
                    + "with another --home." : explainOpenFailure(file, e), e);
        }
        return openEmbedded(file.getParent(), file.getFileName().toString().replace(".mv.db", ""));
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
