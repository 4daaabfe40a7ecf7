package dev.cairn.core.drift;

import java.util.Locale;

/** How a column's values are compared: as numbers on a line, or as unordered categories. */
public enum ColumnType {
    NUMERICAL("num"),
    CATEGORICAL("cat");

    private final String shortName;

    ColumnType(String shortName) {
        this.shortName = shortName;
    }

    /** {@code num} or {@code cat}, as the command line and the reports spell them. */
    public String shortName() {
        return shortName;
    }

    /** Reads {@code num}, {@code numerical}, {@code cat} or {@code categorical}, in any case. */
    public static ColumnType parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "num", "numerical" -> NUMERICAL;
            case "cat", "categorical" -> CATEGORICAL;
            default -> throw new DatasetException("Unknown column type '" + text + "': use num or cat");
        };
    }
}
