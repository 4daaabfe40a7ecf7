package dev.cairn.core.drift;

import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a current dataset with its reference column by column, with Evidently's default test per column unless
 * told otherwise, and decides dataset drift from the share of drifted columns.
 */
public final class DriftAnalysis {

    private DriftAnalysis() {
    }

    /** Compares the datasets of {@code pair} (typed together, so their columns match). */
    public static DriftReport compare(ColumnTyping.Pair pair, DriftOptions options, ProgressListener progress,
            Cancellation cancellation) {
        Dataset reference = pair.reference();
        Dataset current = pair.current();
        checkOptions(reference, options);
        List<ColumnDrift> results = new ArrayList<>();
        int drifted = 0;
        for (int i = 0; i < reference.columns().size(); i++) {
            cancellation.throwIfCancelled();
            Column referenceColumn = reference.columns().get(i);
            progress.progress(i, reference.columns().size(), "Testing " + referenceColumn.name());
            ColumnDrift column = test(ColumnSample.of(referenceColumn, current.columns().get(i)), options);
            drifted += column.drifted() ? 1 : 0;
            results.add(column);
        }
        progress.progress(reference.columns().size(), reference.columns().size(), "Done");
        boolean datasetDrift = (double) drifted / results.size() >= options.driftShare();
        return new DriftReport(DriftReport.DatasetSummary.of(reference), DriftReport.DatasetSummary.of(current),
                results, options.driftShare(), drifted, datasetDrift);
    }

    private static ColumnDrift test(ColumnSample sample, DriftOptions options) {
        int distinct = sample.distinctValues();
        ColumnTest test = options.columnTests().getOrDefault(sample.name(),
                StatTest.defaultFor(sample.type(), sample.referenceSize(), distinct));
        double threshold = options.thresholds().getOrDefault(sample.name(), test.defaultThreshold());
        TestOutcome outcome = test instanceof StatTest builtIn ? builtIn.apply(sample)
                : ((PluginColumnTest) test).apply(sample);
        return new ColumnDrift(sample.name(), sample.type(), test, outcome.statistic(), outcome.score(), threshold,
                test.drifted(outcome.score(), threshold), sample.referenceSize(), sample.currentSize(), distinct,
                chart(sample));
    }

    /** Histogram on Sturges edges of both samples for numbers; every category's counts otherwise. */
    private static ColumnChart chart(ColumnSample sample) {
        NumericSample numeric = sample.numeric();
        if (numeric != null && sample.distinctValues() > StatTest.FEW_VALUES) {
            double[] edges = Histogram.sturgesEdges(numeric.integral(), numeric.reference(), numeric.current());
            return new ColumnChart(edges, List.of(), Histogram.counts(numeric.reference(), edges),
                    Histogram.counts(numeric.current(), edges));
        }
        CategoryCounts counts = sample.counts();
        return new ColumnChart(new double[0], counts.labels(), counts.reference(), counts.current());
    }

    private static void checkOptions(Dataset reference, DriftOptions options) {
        for (String name : options.thresholds().keySet()) {
            if (reference.column(name).isEmpty()) {
                throw new DatasetException("--threshold names column '" + name + "', which is not compared");
            }
        }
        options.columnTests().forEach((name, test) -> {
            Column column = reference.column(name).orElseThrow(() -> new DatasetException(
                    "--column-test names column '" + name + "', which is not compared"));
            if (!test.appliesTo(column.type())) {
                throw new DatasetException("Test " + test.id() + " does not apply to " + column.type().shortName()
                        + " column '" + name + "' (set its type with --column-type " + name + "=...)");
            }
        });
    }
}
