package dev.cairn.app.registry;

import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import dev.cairn.runtime.tensor.ZipMapTable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Model outputs as one table: a row per batch element, a column per output value (an output of shape
 * [N, K] gives K columns, a ZipMap one column per class). Built off the JavaFX thread, shown and exported as is.
 */
public record ResultTable(List<String> columns, List<List<String>> rows, List<String> notes) {

    /** Outputs wider than this per row are cut, with a note; the JSON response holds everything. */
    static final int MAX_COLUMNS_PER_OUTPUT = 64;

    public ResultTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
    }

    public static ResultTable of(Map<String, Value> outputs) {
        List<String> columns = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>(); // per column, its values by row
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, Value> output : outputs.entrySet()) {
            String name = output.getKey();
            Value value = output.getValue();
            if (value instanceof SequenceValue sequence && ZipMapTable.isZipMap(sequence)) {
                ZipMapTable table = ZipMapTable.of(sequence);
                addColumns(columns, cells, notes, name, table.values(), table.keys().stream().map(String::valueOf).toList());
            } else if (value instanceof Tensor tensor) {
                addColumns(columns, cells, notes, name, tensor, null);
            } else {
                columns.add(name);
                cells.add(List.of(String.valueOf(value)));
                notes.add(name + " is a " + value.getClass().getSimpleName() + "; the JSON response shows it whole.");
            }
        }
        int rowCount = cells.stream().mapToInt(List::size).max().orElse(0);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            List<String> row = new ArrayList<>();
            for (List<String> column : cells) {
                row.add(r < column.size() ? column.get(r) : "");
            }
            rows.add(row);
        }
        return new ResultTable(columns, rows, notes);
    }

    /** Rows along the first axis (one row for a scalar or a 1-d output of batch size), the rest flattened. */
    private static void addColumns(List<String> columns, List<List<String>> cells, List<String> notes, String name,
                                   Tensor tensor, List<String> labels) {
        long[] shape = tensor.shape();
        int count = tensor.elementCount();
        int rows = shape.length == 0 ? 1 : (int) shape[0];
        int width = rows == 0 ? 0 : count / rows;
        int shown = Math.min(width, MAX_COLUMNS_PER_OUTPUT);
        if (shown < width) {
            notes.add(name + " has " + width + " values per row; the table shows the first " + shown
                    + ", the JSON response all of them.");
        }
        for (int c = 0; c < shown; c++) {
            String label = shape.length <= 1 ? name : name + "[" + (labels != null ? labels.get(c) : Integer.toString(c)) + "]";
            columns.add(label);
            List<String> column = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                column.add(format(tensor.elementAt(r * width + c)));
            }
            cells.add(column);
        }
    }

    private static String format(Object value) {
        if (value instanceof Float f) {
            return Float.toString(f);
        }
        return String.valueOf(value);
    }

    /** Writes the table as CSV (RFC 4180 quoting), header first. */
    public void writeCsv(Writer out) throws IOException {
        out.write(csvLine(columns));
        for (List<String> row : rows) {
            out.write(csvLine(row));
        }
    }

    private static String csvLine(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (i > 0) {
                line.append(',');
            }
            if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.append("\r\n").toString();
    }
}
