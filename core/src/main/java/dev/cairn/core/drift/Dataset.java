package dev.cairn.core.drift;

import java.util.List;
import java.util.Optional;

/** A typed table read from a data file, with the SHA-256 of the file's bytes so runs can name the exact version. */
public record Dataset(String name, String sha256, int rows, List<Column> columns) {

    public Dataset {
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    /** Column names and types, in file order, as {@code name:num,name:cat}. */
    public String schema() {
        StringBuilder schema = new StringBuilder();
        for (Column column : columns) {
            schema.append(schema.isEmpty() ? "" : ",").append(column.name()).append(':').append(column.type().shortName());
        }
        return schema.toString();
    }
}
