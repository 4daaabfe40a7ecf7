package dev.cairn.plugins.parquet;

import dev.cairn.plugins.api.DataTable;
import dev.cairn.plugins.api.DatasetReader;
import dev.cairn.plugins.api.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBDriver;

/**
 * Reads Parquet files with DuckDB, an in-process engine: numbers stay numbers (integers, floats, decimals), everything
 * else (strings, booleans, dates, timestamps, nested values) is read as its text. The row count comes from the file's
 * footer first, so a file over Cairn's limit is refused before any row is read.
 */
public final class ParquetReader implements DatasetReader {

    @Override
    public String formatName() {
        return "Parquet";
    }

    @Override
    public Set<String> extensions() {
        return Set.of("parquet");
    }

    @Override
    public DataTable read(Path file, int maxRows) throws IOException {
        // Connect through the driver object: DriverManager would not see a driver in a plugin's class loader.
        try (ParquetSource source = ParquetSource.of(file);
             Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
             Statement statement = connection.createStatement()) {
            long rows = count(statement, source.sql());
            if (rows > maxRows) {
                throw new PluginException(String.format(java.util.Locale.ROOT,
                        "%,d rows, more than the %,d Cairn takes", rows, maxRows));
            }
            try (ResultSet result = statement.executeQuery("SELECT * FROM " + source.sql())) {
                return read(result, (int) rows);
            }
        } catch (SQLException e) {
            throw new PluginException("not a Parquet file DuckDB can read (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static long count(Statement statement, String source) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + source)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static DataTable read(ResultSet result, int rows) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        int count = meta.getColumnCount();
        ColumnReader[] columns = new ColumnReader[count];
        for (int c = 0; c < count; c++) {
            columns[c] = ColumnReader.of(meta.getColumnLabel(c + 1), meta.getColumnType(c + 1), rows);
        }
        int row = 0;
        while (result.next()) {
            if (row == rows) {
                throw new PluginException("the file changed while it was read (more rows than its footer said)");
            }
            for (int c = 0; c < count; c++) {
                columns[c].read(result, c + 1, row);
            }
            row++;
        }
        if (row != rows) {
            throw new PluginException("the file changed while it was read (fewer rows than its footer said)");
        }
        List<DataTable.Column> table = new ArrayList<>(count);
        for (ColumnReader column : columns) {
            table.add(column.build());
        }
        return new DataTable(table);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() > 300 ? line.substring(0, 300) + "\u2026" : line;
    }

    /** One column's values as they are read: numbers for numeric SQL types, text otherwise. */
    private abstract static class ColumnReader {
        final String name;

        ColumnReader(String name) {
            this.name = name;
        }

        static ColumnReader of(String name, int sqlType, int rows) {
            return switch (sqlType) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> new NumberReader(name, rows, true);
                case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC ->
                        new NumberReader(name, rows, false);
                default -> new TextReader(name, rows);
            };
        }

        abstract void read(ResultSet result, int index, int row) throws SQLException;

        abstract DataTable.Column build();
    }

    private static final class NumberReader extends ColumnReader {
        private final double[] values;
        private boolean integral;

        NumberReader(String name, int rows, boolean integral) {
            super(name);
            this.values = new double[rows];
            this.integral = integral;
        }

        @Override
        void read(ResultSet result, int index, int row) throws SQLException {
            double value = result.getDouble(index);
            if (result.wasNull()) {
                values[row] = Double.NaN;
                integral = false; // as for a CSV column: integral means every value present and whole
            } else {
                values[row] = value;
            }
        }

        @Override
        DataTable.Column build() {
            return new DataTable.Numbers(name, values, integral);
        }
    }

    private static final class TextReader extends ColumnReader {
        private final String[] values;

        TextReader(String name, int rows) {
            super(name);
            this.values = new String[rows];
        }

        @Override
        void read(ResultSet result, int index, int row) throws SQLException {
            values[row] = result.getString(index);
        }

        @Override
        DataTable.Column build() {
            return new DataTable.Texts(name, values);
        }
    }

    /**
     * The file as DuckDB's {@code read_parquet} names it. DuckDB reads {@code * ? [} in a path as a glob, and has no
     * escape for them, so such a file is read through a link without them.
     */
    private record ParquetSource(String sql, Path link) implements AutoCloseable {

        static ParquetSource of(Path file) throws IOException {
            Path absolute = file.toAbsolutePath();
            String path = absolute.toString();
            Path link = null;
            if (path.matches(".*[*?\\[\\]{}].*")) {
                Path folder = Files.createTempDirectory("cairn-parquet");
                link = folder.resolve("data.parquet");
                try {
                    Files.createSymbolicLink(link, absolute);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.deleteIfExists(folder);
                    throw new PluginException("DuckDB cannot read a file whose path has * ? [ ] { } in it; rename or "
                            + "move " + file.getFileName(), e);
                }
                path = link.toString();
            }
            return new ParquetSource("read_parquet('" + path.replace("'", "''") + "')", link);
        }

        @Override
        public void close() throws IOException {
            if (link != null) {
                Files.deleteIfExists(link);
                Files.deleteIfExists(link.getParent());
            }
        }
    }
}
