package dev.cairn.core.drift;

import java.math.BigDecimal;
import java.util.List;

/**
 * A CSV file as read, before typing. A column whose every present cell is a number is kept as numbers only
 * ({@code numbers[c]}, NaN where missing; {@code integral[c]}: every cell present and an integer), which keeps a
 * million-row file from holding tens of millions of strings; any other column as its text ({@code text[c]},
 * {@code null} where missing). {@code lines} holds the file line each record starts on, so later errors can name it.
 */
public record CsvTable(String name, String sha256, List<String> header, double[][] numbers, String[][] text,
        boolean[] integral, int[] lines) {

    public CsvTable {
        header = List.copyOf(header);
    }

    /**
     * A table of text cells given column by column ({@code null} where missing), each column kept as numbers or as
     * text by the same rule the file reader applies: for data that did not come from a file, such as logged
     * predictions.
     *
     * @param lines what later errors call each row (a line number, a row number)
     */
    public static CsvTable of(String name, String sha256, List<String> header, String[][] columns, int[] lines) {
        ColumnsBuilder builder = new ColumnsBuilder(header.size());
        for (int row = 0; row < lines.length; row++) {
            builder.startRow(lines[row]);
            for (int c = 0; c < columns.length; c++) {
                builder.add(c, columns[c][row]);
            }
        }
        return builder.build(name, sha256, header);
    }

    public int rows() {
        return lines.length;
    }

    /** The index of a column by name, or -1. */
    public int indexOf(String column) {
        return header.indexOf(column);
    }

    public boolean numeric(int column) {
        return numbers[column] != null;
    }

    /** A cell as text: as written for a text column, as its number's canonical text for a numerical one. */
    public String cell(int column, int row) {
        return numbers[column] != null ? label(numbers[column][row]) : text[column][row];
    }

    /** Every cell of a column as text ({@link #cell}). */
    public String[] labels(int column) {
        if (numbers[column] == null) {
            return text[column];
        }
        String[] labels = new String[rows()];
        for (int row = 0; row < labels.length; row++) {
            labels[row] = label(numbers[column][row]);
        }
        return labels;
    }

    /**
     * One text per number, as pandas holds one value for 1, 1.0 and 1e0: integers without a fraction, other numbers
     * in their shortest plain decimal form; {@code null} for a missing value.
     */
    static String label(double value) {
        if (Double.isNaN(value)) {
            return null;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
