package dev.cairn.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one JDBC connection; it may throw {@link SQLException}, which the store translates. */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
