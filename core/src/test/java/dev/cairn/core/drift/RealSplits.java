package dev.cairn.core.drift;

import dev.cairn.testdata.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The reference/current splits of testdata/datasets that testdata/MANIFEST.md suggests (and drift_reference.py computes),
 * cut from one CSV by a predicate on its rows.
 */
final class RealSplits {

    /** A row of a CSV table, read by column name. */
    record Row(CsvTable table, int index) {
        String get(String column) {
            return table.cell(table.indexOf(column), index);
        }
    }

    record Split(String file, Predicate<Row> reference, Predicate<Row> current, Set<String> excluded) {
    }

    private static final Set<String> LOWER_EDUCATION = Set.of("Some-college", "HS-grad", "Bachelors");

    static final Map<String, Split> SPLITS = Map.of(
            "bike_jan_feb", new Split("bike_sharing_hour.csv", row -> between(row.get("dteday"), "2011-01-01", "2011-01-28"),
                    row -> between(row.get("dteday"), "2011-01-29", "2011-02-28"), Set.of("instant", "dteday")),
            "bike_years", new Split("bike_sharing_hour.csv", row -> row.get("yr").equals("0"), row -> row.get("yr").equals("1"),
                    Set.of("instant", "dteday")),
            "adult_education", new Split("adult.csv", row -> !LOWER_EDUCATION.contains(row.get("education")),
                    row -> LOWER_EDUCATION.contains(row.get("education")), Set.of()),
            "penguins_islands", new Split("penguins.csv", row -> "Torgersen".equals(row.get("island")),
                    row -> "Dream".equals(row.get("island")), Set.of()),
            "bike_day_small", new Split("bike_sharing_day.csv", row -> between(row.get("dteday"), "2011-01-01", "2011-01-15"),
                    row -> between(row.get("dteday"), "2012-01-01", "2012-01-18"), Set.of("instant", "dteday")),
            "bike_day_tiny", new Split("bike_sharing_day.csv", row -> between(row.get("dteday"), "2011-01-01", "2011-01-07"),
                    row -> between(row.get("dteday"), "2012-01-01", "2012-01-08"), Set.of("instant", "dteday")),
            "bike_day_equal", new Split("bike_sharing_day.csv", row -> between(row.get("dteday"), "2011-03-01", "2011-03-31"),
                    row -> between(row.get("dteday"), "2012-03-01", "2012-03-31"), Set.of("instant", "dteday")),
            "taxis_halves", new Split("taxis.csv", row -> row.get("pickup").compareTo("2019-03-16") < 0,
                    row -> row.get("pickup").compareTo("2019-03-16") >= 0, Set.of("pickup", "dropoff")));

    private RealSplits() {
    }

    /** The split's two tables, typed together with {@code chosen} types and its own exclusions plus {@code excluded}. */
    static ColumnTyping.Pair load(String name, Set<String> moreExcluded) {
        Split split = SPLITS.get(name);
        CsvTable table = CsvTableReader.read(TestData.path("datasets/" + split.file()));
        Set<String> excluded = new java.util.HashSet<>(split.excluded());
        excluded.addAll(moreExcluded);
        return ColumnTyping.type(subset(table, split.reference(), "reference"), subset(table, split.current(), "current"),
                Map.of(), excluded);
    }

    private static CsvTable subset(CsvTable table, Predicate<Row> keep, String side) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            if (keep.test(new Row(table, r))) {
                rows.add(r);
            }
        }
        int width = table.header().size();
        double[][] numbers = new double[width][];
        String[][] text = new String[width][];
        for (int c = 0; c < width; c++) {
            if (table.numeric(c)) {
                numbers[c] = new double[rows.size()];
            } else {
                text[c] = new String[rows.size()];
            }
        }
        int[] lines = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < width; c++) {
                if (table.numeric(c)) {
                    numbers[c][i] = table.numbers()[c][rows.get(i)];
                } else {
                    text[c][i] = table.text()[c][rows.get(i)];
                }
            }
            lines[i] = table.lines()[rows.get(i)];
        }
        // A column integral in the whole file is integral in any part of it: pandas types the file once.
        return new CsvTable(table.name() + " (" + side + ")", table.sha256(), table.header(), numbers, text,
                table.integral().clone(), lines);
    }

    private static boolean between(String value, String first, String last) {
        return value.compareTo(first) >= 0 && value.compareTo(last) <= 0;
    }
}
