package dev.cairn.core.drift;

import java.util.List;

/**
 * A CSV file as read, before typing: header, cells by column ({@code null} where missing) and the file line each
 * record starts on, so later errors can name it.
 */
public record CsvTable(String name, String sha256, List<String> header, String[][] cells, int[] lines) {

    public CsvTable {
        header = List.copyOf(header);
    }

    public int rows() {
        return lines.length;
    }

    /** The index of a column by name, or -1. */
    public int indexOf(String column) {
        return header.indexOf(column);
    }
}
