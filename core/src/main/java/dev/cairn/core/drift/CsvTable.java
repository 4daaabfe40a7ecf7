package dev.cairn.core.drift;

import java.util.List;

/**
 * A CSV file as read, before typing: header, cells by column ({@code null} where missing), the file line each record
 * starts on (so later errors can name it), and every cell parsed as a number where it is one ({@code numbers}: NaN
 * where missing or not a number; {@code numeric}: every present cell of the column is a number; {@code integral}:
 * every cell is present and an integer).
 */
public record CsvTable(String name, String sha256, List<String> header, String[][] cells, int[] lines,
        double[][] numbers, boolean[] numeric, boolean[] integral) {

    public CsvTable {
        header = List.copyOf(header);
    }

    /**
     * A table of these cells with their numbers parsed. The pass runs row by row, the order the reader created the
     * cells in, so each row's strings are still close together in memory; column by column it is several times slower.
     */
    public static CsvTable of(String name, String sha256, List<String> header, String[][] cells, int[] lines) {
        int width = cells.length;
        int rows = lines.length;
        double[][] numbers = new double[width][rows];
        boolean[] numeric = new boolean[width];
        boolean[] integral = new boolean[width];
        java.util.Arrays.fill(numeric, true);
        java.util.Arrays.fill(integral, true);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                String cell = cells[c][r];
                if (cell == null) {
                    numbers[c][r] = Double.NaN;
                    integral[c] = false;
                } else if (numeric[c]) {
                    double value = NumberText.parse(cell);
                    numbers[c][r] = value;
                    numeric[c] = !Double.isNaN(value);
                    integral[c] = integral[c] && numeric[c] && NumberText.isIntegral(cell);
                }
            }
        }
        return new CsvTable(name, sha256, header, cells, lines, numbers, numeric, integral);
    }

    public int rows() {
        return lines.length;
    }

    /** The index of a column by name, or -1. */
    public int indexOf(String column) {
        return header.indexOf(column);
    }
}
