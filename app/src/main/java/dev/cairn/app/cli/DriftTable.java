package dev.cairn.app.cli;

import dev.cairn.core.drift.ColumnDrift;
import dev.cairn.core.drift.DriftReport;
import java.util.Locale;

/** The drift report as the readable table {@code cairn drift} prints. */
final class DriftTable {

    private DriftTable() {
    }

    static String format(DriftReport report) {
        StringBuilder text = new StringBuilder();
        for (DriftReport.DatasetSummary dataset : new DriftReport.DatasetSummary[] {report.reference(), report.current()}) {
            text.append(String.format(Locale.ROOT, "%-10s %s (%,d rows, sha256 %s)%n",
                    dataset == report.reference() ? "Reference" : "Current", dataset.name(), dataset.rows(),
                    dataset.sha256().substring(0, 12)));
        }
        int width = Math.max(6, report.columns().stream().mapToInt(c -> c.column().length()).max().orElse(6));
        String row = "%-" + width + "s  %-4s  %-16s  %12s  %-8s  %12s  %9s  %s%n";
        text.append(System.lineSeparator()).append(String.format(Locale.ROOT, row, "column", "type", "test", "statistic",
                "kind", "score", "threshold", "drift"));
        for (ColumnDrift column : report.columns()) {
            text.append(String.format(Locale.ROOT, row, column.column(), column.type().shortName(), column.test().id(),
                    number(column.statistic()), column.test().rule().isPValue() ? "p-value" : "distance",
                    number(column.score()), number(column.threshold()), column.drifted() ? "DRIFT" : "-"));
        }
        text.append(System.lineSeparator()).append(String.format(Locale.ROOT,
                "%d of %d columns drifted (share %.3f, dataset drift at %.3f or more): %s%n", report.driftedColumns(),
                report.columns().size(), report.driftedShare(), report.driftShare(),
                report.datasetDrift() ? "DATASET DRIFT" : "no dataset drift"));
        return text.toString();
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return value != 0 && (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e7) ? String.format(Locale.ROOT, "%.4e", value)
                : String.format(Locale.ROOT, "%.6f", value);
    }
}
