package dev.cairn.core.drift;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types the columns of CSV tables as Evidently does (its {@code _get_column_type}, on the dtypes pandas gives one CSV):
 * numbers are numerical, except integers with no missing cell and at most 5 unique values, which are categorical;
 * anything else is categorical. A user's choice per column wins, and is checked against the data.
 */
public final class ColumnTyping {

    /** Evidently's {@code NUMBER_UNIQUE_AS_CATEGORICAL}. */
    static final int FEW_UNIQUE_INTEGERS = 5;

    private ColumnTyping() {
    }

    /** Reference and current datasets typed together, as drift compares them. */
    public record Pair(Dataset reference, Dataset current) {
    }

    /** One table on its own (for registering it): the same rule with nothing to compare against. */
    public static Dataset type(CsvTable table, Map<String, ColumnType> chosen) {
        checkKnown(table, chosen.keySet(), "--column-type");
        List<Column> columns = new ArrayList<>();
        for (String name : table.header()) {
            columns.add(type(name, chosen.get(name), new CsvTable[] {table}).get(0));
        }
        return new Dataset(table.name(), table.sha256(), table.rows(), columns);
    }

    /**
     * Types the reference's columns (less {@code excluded}) in both tables; a reference column missing from the
     * current table is an error. Columns only the current table has are not compared.
     */
    public static Pair type(CsvTable reference, CsvTable current, Map<String, ColumnType> chosen, Set<String> excluded) {
        checkKnown(reference, chosen.keySet(), "--column-type");
        checkKnown(reference, excluded, "--exclude");
        List<Column> referenceColumns = new ArrayList<>();
        List<Column> currentColumns = new ArrayList<>();
        for (String name : reference.header()) {
            if (excluded.contains(name)) {
                continue;
            }
            if (current.indexOf(name) < 0) {
                throw new DatasetException("Column '" + name + "' of " + reference.name() + " is missing in "
                        + current.name() + " (leave it out with --exclude " + name + ")");
            }
            List<Column> typed = type(name, chosen.get(name), new CsvTable[] {reference, current});
            referenceColumns.add(typed.get(0));
            currentColumns.add(typed.get(1));
        }
        if (referenceColumns.isEmpty()) {
            throw new DatasetException("No columns left to compare after --exclude");
        }
        return new Pair(new Dataset(reference.name(), reference.sha256(), reference.rows(), referenceColumns),
                new Dataset(current.name(), current.sha256(), current.rows(), currentColumns));
    }

    private static List<Column> type(String name, ColumnType chosen, CsvTable[] tables) {
        boolean numeric = true;
        boolean integral = true;
        for (CsvTable table : tables) {
            int index = table.indexOf(name);
            numeric &= table.numeric(index);
            integral &= table.integral()[index];
        }
        integral &= numeric;
        ColumnType type = chosen != null ? chosen
                : !numeric || integral && fewUniqueValues(tables, name) ? ColumnType.CATEGORICAL : ColumnType.NUMERICAL;
        List<Column> columns = new ArrayList<>();
        for (CsvTable table : tables) {
            int index = table.indexOf(name);
            if (type == ColumnType.NUMERICAL) {
                columns.add(new Column.Numerical(name, table.numeric(index) ? table.numbers()[index]
                        : numbers(name, table.text()[index], table), integral));
            } else {
                columns.add(new Column.Categorical(name, table.labels(index), numeric));
            }
        }
        return columns;
    }

    /** Evidently counts the reference's unique values, or the current's when the reference has none. */
    private static boolean fewUniqueValues(CsvTable[] tables, String name) {
        for (CsvTable table : tables) {
            Set<Double> unique = new HashSet<>();
            for (double value : table.numbers()[table.indexOf(name)]) {
                if (unique.add(value) && unique.size() > FEW_UNIQUE_INTEGERS) {
                    return false;
                }
            }
            if (!unique.isEmpty()) {
                return true;
            }
        }
        return true;
    }

    /** The numbers of a column forced numerical that holds text: fails on the first such cell, naming it. */
    private static double[] numbers(String name, String[] cells, CsvTable table) {
        double[] values = new double[cells.length];
        for (int row = 0; row < cells.length; row++) {
            values[row] = cells[row] == null ? Double.NaN : NumberText.parse(cells[row]);
            if (cells[row] != null && Double.isNaN(values[row])) {
                throw new DatasetException(table.name() + ": line " + table.lines()[row] + ", column '" + name
                        + "' holds '" + cells[row] + "', which is not a number, but the column is numerical "
                        + "(use --column-type " + name + "=cat, or fix the cell)");
            }
        }
        return values;
    }

    private static void checkKnown(CsvTable table, Set<String> names, String option) {
        for (String name : names) {
            if (table.indexOf(name) < 0) {
                throw new DatasetException(option + " names column '" + name + "', which " + table.name()
                        + " does not have (its columns: " + String.join(", ", table.header()) + ")");
            }
        }
    }
}
