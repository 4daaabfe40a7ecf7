package dev.cairn.runtime.codec;

import dev.cairn.runtime.tensor.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV text read by RFC 4180 rules: comma-separated fields, records ending in CRLF or LF, fields in double quotes
 * may hold commas, line breaks and doubled quotes. The first record is the header. Records are numbered from 1 (the
 * header) as spreadsheets number rows; a quoted line break does not start a new row number.
 *
 * @param header the column names, trimmed
 * @param rows the data records, each with as many fields as the header
 */
public record CsvTable(List<String> header, List<String[]> rows) {

    /** Copies the lists. */
    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * Parses a CSV text. Empty lines are skipped; a leading byte-order mark is ignored.
     *
     * @throws InvalidInputException on a missing header, an unclosed quote, text after a closing quote, or a record
     *     whose field count differs from the header's
     */
    public static CsvTable parse(String text) {
        List<List<String>> records = new ArrayList<>();
        int length = text.length();
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        while (pos < length) {
            int recordNumber = records.size() + 1;
            if (text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
                pos = skipLineEnd(text, pos);
                continue;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                field.setLength(0);
                if (pos < length && text.charAt(pos) == '"') {
                    pos++;
                    boolean closed = false;
                    while (pos < length) {
                        char c = text.charAt(pos);
                        if (c == '"') {
                            if (pos + 1 < length && text.charAt(pos + 1) == '"') {
                                field.append('"');
                                pos += 2;
                            } else {
                                pos++;
                                closed = true;
                                break;
                            }
                        } else {
                            field.append(c);
                            pos++;
                        }
                    }
                    if (!closed) {
                        throw new InvalidInputException("CSV row " + recordNumber + ", column " + (fields.size() + 1)
                                + ": a quoted field is not closed");
                    }
                    if (pos < length && text.charAt(pos) != ',' && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                        throw new InvalidInputException("CSV row " + recordNumber + ", column " + (fields.size() + 1)
                                + ": unexpected '" + text.charAt(pos) + "' after a closing quote");
                    }
                } else {
                    while (pos < length && text.charAt(pos) != ',' && text.charAt(pos) != '\n'
                            && text.charAt(pos) != '\r') {
                        field.append(text.charAt(pos++));
                    }
                }
                fields.add(field.toString());
                if (pos < length && text.charAt(pos) == ',') {
                    pos++;
                } else {
                    pos = skipLineEnd(text, pos);
                    endOfRecord = true;
                }
            }
            records.add(fields);
        }
        if (records.isEmpty()) {
            throw new InvalidInputException("the CSV text is empty: a header row is required");
        }
        List<String> header = records.get(0).stream().map(String::trim).toList();
        List<String[]> rows = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            if (record.size() != header.size()) {
                throw new InvalidInputException("CSV row " + (i + 1) + " has " + record.size() + " fields, the header has "
                        + header.size() + " (" + String.join(",", header) + ")");
            }
            rows.add(record.toArray(new String[0]));
        }
        return new CsvTable(header, rows);
    }

    private static int skipLineEnd(String text, int pos) {
        if (pos < text.length() && text.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
        }
        return pos;
    }

    /** The number of data rows (the header not counted). */
    public int rowCount() {
        return rows.size();
    }
}
