package dev.cairn.core.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Parquet files for tests, written by DuckDB as data tools write them. DuckDB comes from the Parquet plugin's shaded
 * jar on the test class path; the plugin under test reads them through its own class loader.
 */
public final class ParquetFiles {

    private ParquetFiles() {
    }

    /** The rows of {@code csv} that {@code where} keeps (an SQL condition, {@code true} for all) as Parquet. */
    public static Path write(Path csv, String where, Path parquet) throws SQLException {
        try (Connection connection = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new Properties());
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + csv.toString().replace("'", "''") + "') WHERE "
                    + where + ") TO '" + parquet.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
        return parquet;
    }
}
