package dev.cairn.plugins.api;

import java.util.List;

/**
 * A dataset as a {@link DatasetReader} returns it: columns of equal length, each numbers or text. Cairn decides from
 * the values whether a column is numerical or categorical, as it does for CSV files.
 */
public record DataTable(List<Column> columns) {

    /** One column; the name is unique in its table. */
    public sealed interface Column permits Numbers, Texts {
        String name();

        int size();
    }

    /**
     * A column of numbers.
     *
     * @param values NaN where a value is missing
     * @param integral whether every value is present and a whole number (an integer column in the file)
     */
    public record Numbers(String name, double[] values, boolean integral) implements Column {
        @Override
        public int size() {
            return values.length;
        }
    }

    /** A column of text (or of values best compared as text, such as dates); {@code null} where missing. */
    public record Texts(String name, String[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }
    }

    public DataTable {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A table needs at least one column");
        }
        int rows = columns.get(0).size();
        for (Column column : columns) {
            if (column.size() != rows) {
                throw new IllegalArgumentException("Column " + column.name() + " has " + column.size()
                        + " values, not " + rows + " as the first column has");
            }
        }
    }

    public int rows() {
        return columns.get(0).size();
    }
}
