package dev.cairn.core.drift;

import java.util.Arrays;
import java.util.List;

/**
 * Collects a CSV file's cells column by column as the reader meets them: as numbers while every cell of a column is
 * one (the string is dropped at once), switching that column to text at its first other cell.
 */
final class ColumnsBuilder {

    private final double[][] numbers;
    private final String[][] text;
    private final boolean[] integral;
    private int[] lines = new int[1024];
    private int rows;

    ColumnsBuilder(int width) {
        numbers = new double[width][1024];
        text = new String[width][];
        integral = new boolean[width];
        Arrays.fill(integral, true);
    }

    int rows() {
        return rows;
    }

    void startRow(int line) {
        if (rows == lines.length) {
            int capacity = rows * 2;
            lines = Arrays.copyOf(lines, capacity);
            for (int c = 0; c < numbers.length; c++) {
                if (numbers[c] != null) {
                    numbers[c] = Arrays.copyOf(numbers[c], capacity);
                } else {
                    text[c] = Arrays.copyOf(text[c], capacity);
                }
            }
        }
        lines[rows++] = line;
    }

    /** The cell of column {@code c} in the current row; {@code null} when missing. */
    void add(int c, String cell) {
        int row = rows - 1;
        if (numbers[c] == null) {
            text[c][row] = cell;
            return;
        }
        if (cell == null) {
            numbers[c][row] = Double.NaN;
            integral[c] = false;
            return;
        }
        double value = NumberText.parse(cell);
        if (Double.isNaN(value)) {
            // From here on the column is text; the numbers before keep their canonical text.
            text[c] = new String[numbers[c].length];
            for (int r = 0; r < row; r++) {
                text[c][r] = CsvTable.label(numbers[c][r]);
            }
            text[c][row] = cell;
            numbers[c] = null;
            integral[c] = false;
            return;
        }
        numbers[c][row] = value;
        integral[c] = integral[c] && NumberText.isIntegral(cell);
    }

    CsvTable build(String name, String sha256, List<String> header) {
        for (int c = 0; c < numbers.length; c++) {
            if (numbers[c] != null) {
                numbers[c] = Arrays.copyOf(numbers[c], rows);
            } else {
                text[c] = Arrays.copyOf(text[c], rows);
            }
        }
        return new CsvTable(name, sha256, header, numbers, text, integral, Arrays.copyOf(lines, rows));
    }
}
