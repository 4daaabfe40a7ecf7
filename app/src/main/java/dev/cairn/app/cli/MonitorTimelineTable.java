package dev.cairn.app.cli;

import dev.cairn.core.monitoring.MonitoringResult;
import dev.cairn.core.monitoring.WindowDrift;
import java.util.Locale;

/** A monitoring analysis as the plain-text timeline {@code cairn monitor drift} prints: one line per window. */
final class MonitorTimelineTable {

    private MonitorTimelineTable() {
    }

    static String format(MonitoringResult result) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Source     %s (%,d predictions, %,d rows)%n", result.source(),
                result.predictions(), result.rows()));
        text.append(String.format(Locale.ROOT, "Reference  %s; compared: %s%n", result.referenceName(),
                String.join(", ", result.compared())));
        if (!result.ignored().isEmpty()) {
            text.append("Not in the reference, not compared: ").append(String.join(", ", result.ignored()))
                    .append(System.lineSeparator());
        }
        if (result.skippedTensors() > 0) {
            text.append(String.format(Locale.ROOT, "%,d tensors skipped (summarised by the log, or not tabular)%n",
                    result.skippedTensors()));
        }
        text.append(String.format(Locale.ROOT, "Window     %s%n%n", result.windowing().rows() > 0
                ? "every " + result.windowing().rows() + " rows" : "per UTC " + result.windowing()));
        text.append(String.format(Locale.ROOT, "%-26s %-26s %8s %8s  %s%n", "WINDOW START", "END", "ROWS", "DRIFTED",
                "VERDICT"));
        for (WindowDrift window : result.windows()) {
            text.append(String.format(Locale.ROOT, "%-26s %-26s %,8d %8s  %s%n", window.start(), window.end(),
                    window.rows(), window.tooSmall() ? "-" : String.format(Locale.ROOT, "%.3f", window.driftedShare()),
                    window.tooSmall() ? "too small" : window.datasetDrift() ? "DRIFT" : "no drift"));
        }
        return text.toString();
    }
}
