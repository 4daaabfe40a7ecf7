package dev.cairn.core.drift;

/**
 * One column of reference and current, ready for any test: sorted numbers for a numerical column, and value counts
 * (built on first use) for tests that count values.
 */
final class ColumnSample {

    private final String name;
    private final ColumnType type;
    private final NumericSample numeric;
    private CategoryCounts counts;

    private ColumnSample(String name, ColumnType type, NumericSample numeric, CategoryCounts counts) {
        this.name = name;
        this.type = type;
        this.numeric = numeric;
        this.counts = counts;
    }

    static ColumnSample of(Column reference, Column current) {
        ColumnSample sample;
        if (reference instanceof Column.Numerical ref && current instanceof Column.Numerical cur) {
            sample = new ColumnSample(ref.name(), ColumnType.NUMERICAL, NumericSample.of(ref, cur), null);
        } else if (reference instanceof Column.Categorical ref && current instanceof Column.Categorical cur) {
            sample = new ColumnSample(ref.name(), ColumnType.CATEGORICAL, null,
                    CategoryCounts.of(ref.values(), cur.values(), ref.numericLabels() && cur.numericLabels()));
        } else {
            throw new IllegalArgumentException("column " + reference.name() + " is typed differently on the two sides");
        }
        if (sample.referenceSize() == 0 || sample.currentSize() == 0) {
            throw new DatasetException("Column '" + sample.name + "' has no values in the "
                    + (sample.referenceSize() == 0 ? "reference" : "current") + " data (leave it out with --exclude "
                    + sample.name + ")");
        }
        return sample;
    }

    String name() {
        return name;
    }

    ColumnType type() {
        return type;
    }

    /** Sorted numbers, or null for a categorical column. */
    NumericSample numeric() {
        return numeric;
    }

    CategoryCounts counts() {
        if (counts == null) {
            counts = CategoryCounts.of(numeric);
        }
        return counts;
    }

    int referenceSize() {
        return numeric != null ? numeric.reference().length : (int) counts.referenceTotal();
    }

    int currentSize() {
        return numeric != null ? numeric.current().length : (int) counts.currentTotal();
    }

    int distinctValues() {
        return numeric != null ? numeric.distinctValues() : counts.size();
    }
}
