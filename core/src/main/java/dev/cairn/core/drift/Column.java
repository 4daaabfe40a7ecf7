package dev.cairn.core.drift;

/** One typed column of a dataset, missing values included (NaN or {@code null}). */
public sealed interface Column permits Column.Numerical, Column.Categorical {

    String name();

    ColumnType type();

    /**
     * Numbers; NaN where the cell was missing. {@code integral}: every cell held an integer (pandas reads the column as
     * int64, and numpy then keeps histogram bins at least 1 wide).
     */
    record Numerical(String name, double[] values, boolean integral) implements Column {
        @Override
        public ColumnType type() {
            return ColumnType.NUMERICAL;
        }
    }

    /**
     * Labels; {@code null} where the cell was missing. {@code numericLabels} says every label is a number, so
     * labels sort by value as pandas sorts an integer column.
     */
    record Categorical(String name, String[] values, boolean numericLabels) implements Column {
        @Override
        public ColumnType type() {
            return ColumnType.CATEGORICAL;
        }
    }
}
