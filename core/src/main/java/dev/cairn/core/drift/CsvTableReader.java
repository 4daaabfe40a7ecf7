package dev.cairn.core.drift;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a UTF-8 CSV file with a header row into a {@link CsvTable}: delimiter and quote detected, pandas' missing-value
 * spellings read as missing, and every problem reported with the file, line and column.
 */
public final class CsvTableReader {

    /** pandas' default {@code na_values}: what a data scientist's CSV means by "no value". */
    private static final Set<String> MISSING = Set.of("", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "n/a",
            "#N/A", "<NA>", "-NaN", "-nan", "#NA", "#N/A N/A", "-1.#IND", "-1.#QNAN", "1.#IND", "1.#QNAN");

    private CsvTableReader() {
    }

    public static CsvTable read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        String name = file.getFileName().toString();
        String text = decode(bytes, name);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new DatasetException(name + " is empty: a CSV file needs a header row and at least one data row");
        }
        return parse(text, name, sha256(bytes));
    }

    private static CsvTable parse(String text, String name, String sha256) {
        CsvDialect dialect = CsvDialect.detect(text);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(dialect.delimiter()).withQuoteChar(dialect.quote());
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
        // Jackson's streaming parser, cell by cell into column arrays: no array per row, no transposition.
        try (CsvParser parser = (CsvParser) mapper.reader(schema).createParser(text)) {
            List<String> names = new ArrayList<>();
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new DatasetException(name + " has no header row");
            }
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
                names.add(parser.getText());
            }
            List<String> header = header(names, name);
            ColumnsBuilder columns = new ColumnsBuilder(header.size());
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                int fields = 0;
                int line = 0;
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (fields == 0) {
                        // The row's start token still points at the end of the previous line; its first cell does not.
                        line = parser.currentTokenLocation().getLineNr();
                        columns.startRow(line);
                    }
                    if (fields < header.size()) {
                        String cell = parser.getText();
                        columns.add(fields, isMissing(cell) ? null : cell);
                    }
                    fields++;
                }
                if (fields != header.size()) {
                    throw new DatasetException(name + ": line " + line + " has " + fields + " field"
                            + (fields == 1 ? "" : "s") + " but the header has " + header.size() + "; check the "
                            + "delimiter ('" + printable(dialect.delimiter()) + "') and quotes on that line");
                }
            }
            if (columns.rows() == 0) {
                throw new DatasetException(name + " has a header but no data rows");
            }
            return columns.build(name, sha256, header);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException dataset) {
                throw dataset;
            }
            throw new DatasetException(name + " is not a readable CSV file: " + firstLine(e.getMessage()), e);
        }
    }

    private static List<String> header(List<String> names, String file) {
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            // pandas' name for a blank header cell, as in a CSV written with its index.
            String name = names.get(i).isBlank() ? "Unnamed: " + i : names.get(i).trim();
            if (!seen.add(name)) {
                throw new DatasetException(file + ": the header names column '" + name + "' twice");
            }
            header.add(name);
        }
        return header;
    }

    private static boolean isMissing(String cell) {
        // Most cells are short numbers: skip the set lookup (and the string hash it computes) for those.
        char first = cell.isEmpty() ? ' ' : cell.charAt(0);
        return cell.isEmpty() || (first < '0' || first > '9' || cell.indexOf('#') > 0) && MISSING.contains(cell);
    }

    /** Strict UTF-8: a bad byte is an error naming its line and column, never a silent replacement character. */
    private static String decode(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new DatasetException(name + " is not UTF-8 text: " + describeOffset(bytes, in.position())
                    + " holds an invalid byte (0x" + HexFormat.of().toHexDigits(bytes[in.position()])
                    + "). Save the file as UTF-8 and try again.");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** "line L, column 'C'" of a byte offset, counting fields by the delimiter the header uses. */
    private static String describeOffset(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int headerEnd = 0;
        while (headerEnd < bytes.length && bytes[headerEnd] != '\n') {
            headerEnd++;
        }
        if (line == 1) {
            return "line 1 (the header)";
        }
        String header = new String(bytes, 0, headerEnd, StandardCharsets.UTF_8);
        CsvDialect dialect = CsvDialect.detect(header);
        String[] names = header.split(java.util.regex.Pattern.quote(String.valueOf(dialect.delimiter())), -1);
        int field = 0;
        for (int i = lineStart; i < offset; i++) {
            field += bytes[i] == dialect.delimiter() ? 1 : 0;
        }
        String column = field < names.length ? names[field].trim() : "#" + (field + 1);
        return "line " + line + ", column '" + column + "'";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String printable(char delimiter) {
        return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
