package dev.cairn.runtime.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.tensor.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns MLflow's pandas-style JSON tables ({@code dataframe_split}, {@code dataframe_records}) into a {@link CsvTable}
 * of text cells, so that {@link CsvBatchReader} maps them onto model inputs by the same rules as a CSV batch.
 */
final class DataframeJson {

    private DataframeJson() {
    }

    /**
     * Reads {@code {"columns": [...], "data": [[...], ...], "index"?: [...]}} (pandas' {@code orient="split"}). The
     * index is ignored, since the batch follows the order of {@code data}; without {@code columns} the columns are
     * named 0, 1, ... as pandas names them.
     */
    static CsvTable fromSplit(JsonNode split) {
        if (!split.isObject()) {
            throw new InvalidInputException("'dataframe_split' must be an object {\"columns\": [...], \"data\": "
                    + "[[...], ...]}, got " + describe(split));
        }
        JsonNode data = split.get("data");
        if (data == null || !data.isArray()) {
            throw new InvalidInputException("'dataframe_split' has no 'data' array (one array of cells per row)");
        }
        List<String> header = splitHeader(split.get("columns"), data);
        List<String[]> rows = new ArrayList<>(data.size());
        for (int row = 0; row < data.size(); row++) {
            JsonNode cells = data.get(row);
            if (!cells.isArray()) {
                throw new InvalidInputException("'dataframe_split' row " + (row + 1) + " must be an array of cells, got "
                        + describe(cells));
            }
            if (cells.size() != header.size()) {
                throw new InvalidInputException("'dataframe_split' row " + (row + 1) + " has " + cells.size()
                        + " cells, 'columns' has " + header.size() + " (" + String.join(", ", header) + ")");
            }
            String[] texts = new String[header.size()];
            for (int column = 0; column < texts.length; column++) {
                texts[column] = cell(cells.get(column), row, header.get(column));
            }
            rows.add(texts);
        }
        return new CsvTable(header, rows);
    }

    private static List<String> splitHeader(JsonNode columns, JsonNode data) {
        List<String> header = new ArrayList<>();
        if (columns == null || columns.isNull()) {
            int width = data.size() > 0 && data.get(0).isArray() ? data.get(0).size() : 0;
            for (int i = 0; i < width; i++) {
                header.add(Integer.toString(i));
            }
            return header;
        }
        if (!columns.isArray()) {
            throw new InvalidInputException("'dataframe_split' 'columns' must be an array of column names, got "
                    + describe(columns));
        }
        for (JsonNode column : columns) {
            // pandas allows integer column labels; they name inputs by their text.
            if (!column.isTextual() && !column.isIntegralNumber()) {
                throw new InvalidInputException("'dataframe_split' 'columns' must hold column names (strings), got "
                        + describe(column));
            }
            header.add(column.asText());
        }
        return header;
    }

    /** Reads {@code [{"column": value, ...}, ...]} (pandas' {@code orient="records"}); every record needs the same keys. */
    static CsvTable fromRecords(JsonNode records) {
        if (!records.isArray()) {
            throw new InvalidInputException("'dataframe_records' must be an array of objects {\"column\": value}, one "
                    + "per row, got " + describe(records));
        }
        List<String> header = new ArrayList<>();
        List<String[]> rows = new ArrayList<>(records.size());
        for (int row = 0; row < records.size(); row++) {
            JsonNode record = records.get(row);
            if (!record.isObject()) {
                throw new InvalidInputException("'dataframe_records' row " + (row + 1) + " must be an object "
                        + "{\"column\": value}, got " + describe(record));
            }
            if (row == 0) {
                record.fieldNames().forEachRemaining(header::add);
            } else if (!keys(record).equals(Set.copyOf(header))) {
                throw new InvalidInputException("'dataframe_records' row " + (row + 1) + " has columns "
                        + keys(record) + ", row 1 has " + header + "; every record needs the same columns");
            }
            String[] texts = new String[header.size()];
            for (int column = 0; column < texts.length; column++) {
                texts[column] = cell(record.get(header.get(column)), row, header.get(column));
            }
            rows.add(texts);
        }
        return new CsvTable(header, rows);
    }

    /** The keys of a JSON object in their order; also used for {@code instances} given as records. */
    static Set<String> keys(JsonNode object) {
        Set<String> keys = new LinkedHashSet<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    /** A cell's text as CsvBatchReader parses it; null becomes empty, which it reads as NaN for floats. */
    private static String cell(JsonNode node, int row, String column) {
        if (node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new InvalidInputException("dataframe row " + (row + 1) + ", column '" + column + "': " + describe(node)
                + " is not a valid cell; a cell holds one number, string, boolean or null");
    }

    /** Names a JSON value's kind for messages, with the value itself when it is short. */
    static String describe(JsonNode node) {
        String kind = node.isArray() ? "an array" : node.isObject() ? "an object" : node.isTextual() ? "a string"
                : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : "null";
        String text = node.toString();
        return node.isNull() ? kind : kind + " " + (text.length() <= 60 ? text : text.substring(0, 57) + "...");
    }
}
